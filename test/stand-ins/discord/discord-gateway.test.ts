import { once } from "node:events";
import { type Client, GatewayIntentBits, type Message } from "discord.js";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type DiscordStandIn, standardIds, startDiscordStandIn } from "./discord-server.ts";
import { loginStandInClient, standInClient } from "./stand-in-client.ts";

describe("Discord gateway stand-in, through the real discord.js Client", () => {
  let discord: DiscordStandIn;
  const clients: Client[] = [];

  beforeEach(async () => {
    discord = await startDiscordStandIn();
  });
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((client) => client.destroy()));
    await discord.close();
  });

  const login = async () => {
    const client = await loginStandInClient(discord);
    clients.push(client);
    return client;
  };

  it("logs in through GET /gateway/bot, identifies with the bot's intents and caches the guild", async () => {
    const client = await login();
    expect(discord.callsTo("getGatewayBot")).toHaveLength(1);
    const [connect] = discord.gatewayLog.filter((record) => record.kind === "CONNECT");
    expect(connect?.query).toEqual({ v: "10", encoding: "json" });
    const [identify] = discord.gatewayLog.filter((record) => record.kind === "IDENTIFY");
    expect(identify?.data).toMatchObject({ intents: 1 + 512 + 4096 + 32768, compress: false, shard: [0, 1] });
    expect(JSON.stringify(identify?.data)).not.toContain(discord.token);
    expect(client.user?.id).toBe(discord.botUserId);
    expect(client.application?.id).toBe(discord.applicationId);
    const guild = client.guilds.cache.get(standardIds.guild);
    expect(guild?.name).toBe("Sabio Test");
    expect(guild?.channels.cache.get(standardIds.general)?.name).toBe("general");
    expect(guild?.members.me?.id).toBe(discord.botUserId);
    expect(guild?.members.cache.get(standardIds.moderator)?.permissions.has("ManageGuild")).toBe(true);
  });

  it("delivers a dispatched MESSAGE_CREATE as messageCreate with its content", async () => {
    const client = await login();
    const received = once(client, "messageCreate") as Promise<[Message]>;
    const mention = discord.mentionMessage({
      channelId: standardIds.general,
      authorId: standardIds.member,
      text: "how many vacation days?",
    });
    discord.dispatch("MESSAGE_CREATE", mention);
    const [message] = await received;
    expect(message.id).toBe(mention.id);
    expect(message.content).toBe(`<@${discord.botUserId}> how many vacation days?`);
    expect(message.mentions.users.has(discord.botUserId)).toBe(true);
    expect(message.author.username).toBe("pat");
    expect(message.guildId).toBe(standardIds.guild);
    expect(message.member?.id).toBe(standardIds.member);
  });
});

describe("Discord gateway stand-in: sessions, RESUME and intents", () => {
  let discord: DiscordStandIn;
  const clients: Client[] = [];

  afterEach(async () => {
    await Promise.all(clients.splice(0).map((client) => client.destroy()));
    await discord.close();
  });

  const login = async (options: Parameters<typeof loginStandInClient>[1] = {}) => {
    const client = await loginStandInClient(discord, options);
    clients.push(client);
    return client;
  };
  const contentsSeenBy = (client: Client) => {
    const seen: string[] = [];
    client.on("messageCreate", (message) => seen.push(message.content));
    return seen;
  };
  const nextMessage = (client: Client, id: string) =>
    new Promise<Message>((resolve) => {
      const listener = (message: Message) => {
        if (message.id !== id) return;
        client.off("messageCreate", listener);
        resolve(message);
      };
      client.on("messageCreate", listener);
    });
  const say = (content: string) =>
    discord.userMessage({ channelId: standardIds.general, authorId: standardIds.member, content });

  it("resumes a dropped connection, replaying what was missed and nothing twice", async () => {
    discord = await startDiscordStandIn();
    const client = await login();
    const seen = contentsSeenBy(client);
    const before = say("before the drop");
    const first = nextMessage(client, String(before.id));
    discord.dispatch("MESSAGE_CREATE", before);
    await first;
    const sequenceBeforeDrop = discord.sessions()[0]?.seq;

    discord.dropConnections();
    const whileDown = say("while the connection was down");
    const replayed = nextMessage(client, String(whileDown.id));
    const resumed = once(client, "shardResume");
    discord.dispatch("MESSAGE_CREATE", whileDown);
    await Promise.all([replayed, resumed]);
    const after = say("after the resume");
    const last = nextMessage(client, String(after.id));
    discord.dispatch("MESSAGE_CREATE", after);
    await last;

    expect(seen).toEqual(["before the drop", "while the connection was down", "after the resume"]);
    const [resume] = discord.gatewayLog.filter((record) => record.kind === "RESUME");
    expect(resume?.data).toEqual({ session_id: discord.sessions()[0]?.id, seq: sequenceBeforeDrop });
    expect(discord.gatewayLog.filter((record) => record.kind === "IDENTIFY")).toHaveLength(1);
    expect(discord.callsTo("getGatewayBot")).toHaveLength(1);
  });

  it("resumes after a close with a resumable code too (4000)", async () => {
    discord = await startDiscordStandIn();
    const client = await login();
    const resumed = once(client, "shardResume");
    discord.dropConnections(4000);
    await resumed;
    const message = say("still here");
    const received = nextMessage(client, String(message.id));
    discord.dispatch("MESSAGE_CREATE", message);
    expect((await received).content).toBe("still here");
    expect(discord.gatewayLog.filter((record) => record.kind === "IDENTIFY")).toHaveLength(1);
  });

  it("identifies anew after an invalid session (op 9, not resumable)", async () => {
    discord = await startDiscordStandIn();
    const client = await login();
    const oldSession = discord.sessions()[0]?.id;
    discord.invalidateSessions();
    // discord.js spaces IDENTIFYs 5 s apart (Discord's identify limit), hence the longer wait. The
    // IDENTIFY's answer (a new session, READY, GUILD_CREATE) is made before this wait resolves.
    await discord.waitForGateway("IDENTIFY", 2, 15_000);
    const message = say("after a new session");
    const received = nextMessage(client, String(message.id));
    discord.dispatch("MESSAGE_CREATE", message);
    expect((await received).content).toBe("after a new session");
    expect(discord.sessions().map((session) => session.id)).not.toContain(oldSession);
    expect(discord.sessions()).toHaveLength(1);
    expect(discord.gatewayLog.filter((record) => record.kind === "RESUME")).toHaveLength(0);
  });

  it("sends every dispatch to every session: two processes on one token both get the message", async () => {
    discord = await startDiscordStandIn();
    const [first, second] = [await login(), await login()];
    if (!first || !second) throw new Error("no clients");
    const mention = discord.mentionMessage({
      channelId: standardIds.general,
      authorId: standardIds.member,
      text: "hi",
    });
    const both = Promise.all([
      nextMessage(first, String(mention.id)),
      nextMessage(second, String(mention.id)),
    ]);
    discord.dispatch("MESSAGE_CREATE", mention);
    const [seenByFirst, seenBySecond] = await both;
    expect(seenByFirst.content).toBe(seenBySecond.content);
    expect(discord.sessions()).toHaveLength(2);
    expect(new Set(discord.sessions().map((session) => session.id)).size).toBe(2);
  });

  it("closes IDENTIFY with 4014 when a disallowed intent (Message Content, portal switch off) is asked for", async () => {
    discord = await startDiscordStandIn({ disallowedIntents: GatewayIntentBits.MessageContent });
    const client = standInClient(discord);
    clients.push(client);
    const disconnected = once(client, "shardDisconnect") as Promise<[{ code: number }, number]>;
    const shardError = once(client, "shardError") as Promise<[Error, number]>;
    // How discord.js 14.28 surfaces it, for the bot's authors: `shardDisconnect` with { code: 4014 }
    // (4014 is in its unrecoverable list, so no reconnect), then `shardError` with
    // Error("Used disallowed intents"), and `client.login()` rejects with that same Error (it has no
    // `code`; match on the message or listen for shardDisconnect's code).
    await expect(client.login(discord.token)).rejects.toThrow("Used disallowed intents");
    const [[event], [error]] = await Promise.all([disconnected, shardError]);
    expect(event.code).toBe(4014);
    expect(error.message).toBe("Used disallowed intents");
    expect(
      discord.gatewayLog.filter((record) => record.kind === "CLOSE").map((record) => record.code),
    ).toEqual([4014]);
    expect(discord.gatewayLog.filter((record) => record.kind === "IDENTIFY")).toHaveLength(1);
  });

  it("without Message Content, blanks guild messages that don't mention the bot, keeps mentions and DMs", async () => {
    discord = await startDiscordStandIn();
    const client = await login({
      intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages, GatewayIntentBits.DirectMessages],
    });
    const plain = say("a follow-up without a mention");
    const mention = discord.mentionMessage({
      channelId: standardIds.general,
      authorId: standardIds.member,
      text: "hello",
    });
    const dm = discord.userMessage({
      channelId: discord.dmChannel(standardIds.member).id,
      authorId: standardIds.member,
      content: "a direct message",
    });
    const received = Promise.all(
      [plain, mention, dm].map((message) => nextMessage(client, String(message.id))),
    );
    for (const message of [plain, mention, dm]) discord.dispatch("MESSAGE_CREATE", message);
    const [seenPlain, seenMention, seenDm] = await received;
    expect(seenPlain?.content).toBe("");
    expect(seenMention?.content).toBe(`<@${discord.botUserId}> hello`);
    expect(seenDm?.content).toBe("a direct message");
    expect(seenDm?.channel.isDMBased()).toBe(true);
    expect(seenDm?.guildId).toBeNull();
  });

  it("answers heartbeats with ACKs; heartbeats carry the last sequence number", async () => {
    discord = await startDiscordStandIn({ heartbeatIntervalMs: 50 });
    const client = await login();
    const acknowledged = new Promise<string>((resolve) => {
      client.on("debug", (line) => {
        if (line.includes("Heartbeat acknowledged")) resolve(line);
      });
    });
    expect(await acknowledged).toMatch(/latency of \d+ms/);
    const heartbeats = await discord.waitForGateway("HEARTBEAT", 2);
    expect(heartbeats.at(-1)?.data).toEqual({ value: discord.sessions()[0]?.seq });
  });
});
