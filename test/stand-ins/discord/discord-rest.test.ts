import {
  type Client,
  DiscordAPIError,
  type Message,
  PermissionFlagsBits,
  type RateLimitData,
  RESTEvents,
  type TextChannel,
} from "discord.js";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  type DiscordStandIn,
  memberPermissions,
  missingPermissions,
  standardIds,
  startDiscordStandIn,
} from "./discord-server.ts";
import { loginStandInClient } from "./stand-in-client.ts";

describe("Discord REST stand-in, through the real discord.js Client", () => {
  let discord: DiscordStandIn;
  let client: Client;

  beforeEach(async () => {
    discord = await startDiscordStandIn();
    client = await loginStandInClient(discord);
  });
  afterEach(async () => {
    await client.destroy();
    await discord.close();
  });

  /** Dispatches a mention and resolves with the Message discord.js made of it. */
  const receiveMention = (text: string): Promise<Message> =>
    new Promise((resolve) => {
      const mention = discord.mentionMessage({
        channelId: standardIds.general,
        authorId: standardIds.member,
        text,
      });
      const listener = (message: Message) => {
        if (message.id !== mention.id) return;
        client.off("messageCreate", listener);
        resolve(message);
      };
      client.on("messageCreate", listener);
      discord.dispatch("MESSAGE_CREATE", mention);
    });
  const general = () => client.channels.cache.get(standardIds.general) as TextChannel;

  it("reacts, types, starts a thread on the question and streams an answer into it by editing", async () => {
    const question = await receiveMention("how many vacation days?");
    await Promise.all([question.react("👀"), general().sendTyping()]);
    const thread = await question.startThread({ name: "how many vacation days?" });
    const posted = await thread.send({ content: "_Thinking…_", allowedMentions: { parse: [] } });
    const edited = await posted.edit({ content: "25 days [1]", allowedMentions: { parse: [] } });

    expect(discord.callsTo("addReaction")[0]).toMatchObject({
      params: { channel_id: standardIds.general, message_id: question.id, emoji: "👀" },
      status: 204,
    });
    expect(discord.reactionsOn(standardIds.general, question.id)).toEqual(["👀"]);
    expect(discord.callsTo("triggerTyping")[0]?.params.channel_id).toBe(standardIds.general);
    expect(discord.callsTo("startThreadFromMessage")[0]?.body).toMatchObject({
      name: "how many vacation days?",
    });
    // Discord gives a thread started from a message that message's id.
    expect(thread.id).toBe(question.id);
    expect(thread.parentId).toBe(standardIds.general);
    expect(discord.threadOf(question.id)?.id).toBe(thread.id);
    expect(discord.callsTo("createMessage")[0]).toMatchObject({
      params: { channel_id: thread.id },
      body: { content: "_Thinking…_", allowed_mentions: { parse: [] } },
    });
    expect(discord.callsTo("editMessage")[0]).toMatchObject({
      params: { channel_id: thread.id, message_id: posted.id },
      body: { content: "25 days [1]", allowed_mentions: { parse: [] } },
    });
    expect(edited.content).toBe("25 days [1]");
    expect(edited.editedTimestamp).not.toBeNull();
    expect(discord.messages(thread.id).map((message) => message.content)).toEqual(["25 days [1]"]);
    expect(discord.messages(thread.id)[0]?.author.id).toBe(discord.botUserId);
  });

  it("replies in the channel with a message_reference, and computes who a message would ping", async () => {
    const question = await receiveMention("hi");
    const quiet = await question.reply({
      content: "@everyone <@1100000000000000201> see [Handbook](<https://example.com>)",
      allowedMentions: { parse: [], repliedUser: false },
    });
    const loud = await general().send({ content: "@everyone hello <@1100000000000000201>" });

    expect(discord.callsTo("createMessage")[0]?.body).toMatchObject({
      message_reference: { message_id: question.id },
      allowed_mentions: { parse: [], replied_user: false },
    });
    const [, stored, storedLoud] = discord.messages(standardIds.general);
    expect(stored).toMatchObject({ id: quiet.id, type: 19, mention_everyone: false, mentions: [] });
    expect(stored?.message_reference?.message_id).toBe(question.id);
    expect(storedLoud).toMatchObject({ id: loud.id, mention_everyone: true });
    expect(storedLoud?.mentions.map((user) => user.id)).toEqual([standardIds.owner]);
  });

  it("rejects what Discord rejects: over 2,000 characters, empty, editing someone else's message", async () => {
    const question = await receiveMention("hi");
    const error = await general()
      .send({ content: "x".repeat(2_001) })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(DiscordAPIError);
    expect(error).toMatchObject({ status: 400, code: 50035 });
    await expect(
      client.rest.post(`/channels/${standardIds.general}/messages`, { body: { content: "" } }),
    ).rejects.toMatchObject({ code: 50006 });
    await expect(question.edit("mine now")).rejects.toMatchObject({ status: 403, code: 50005 });
  });

  it("retries a 429 after retry_after through discord.js's REST queue, and the send succeeds", async () => {
    const limits: RateLimitData[] = [];
    client.rest.on(RESTEvents.RateLimited, (info) => limits.push(info));
    discord.failNext("createMessage", { rateLimited: { retryAfter: 0.2 } });
    const sent = await general().send("after the limit");

    expect(discord.callsTo("createMessage").map((call) => call.status)).toEqual([429, 200]);
    expect(sent.content).toBe("after the limit");
    // discord.js reads Retry-After (seconds) and adds its own offset before waiting.
    expect(limits).toMatchObject([{ global: false, route: "/channels/:id/messages" }]);
    expect(limits[0]?.retryAfter).toBeGreaterThanOrEqual(200);
    expect(discord.messages(standardIds.general).map((message) => message.content)).toEqual([
      "after the limit",
    ]);
  });

  it("marks a global 429 as global", async () => {
    const limits: RateLimitData[] = [];
    client.rest.on(RESTEvents.RateLimited, (info) => limits.push(info));
    discord.failNext("editMessage", { rateLimited: { retryAfter: 0.1, global: true } });
    const posted = await general().send("one");
    await posted.edit("two");
    expect(discord.callsTo("editMessage").map((call) => call.status)).toEqual([429, 200]);
    expect(limits[0]).toMatchObject({ global: true });
  });

  it("retries a 500 and succeeds; a 403 Missing Permissions on thread creation reaches the caller", async () => {
    discord.failNext("createMessage", { status: 500 });
    await general().send("after a server error");
    expect(discord.callsTo("createMessage").map((call) => call.status)).toEqual([500, 200]);

    const question = await receiveMention("start a thread please");
    discord.failNext("startThreadFromMessage", missingPermissions);
    await expect(question.startThread({ name: "q" })).rejects.toMatchObject({
      status: 403,
      code: 50013,
      message: "Missing Permissions",
    });
    expect(discord.threadOf(question.id)).toBeUndefined();
  });

  it("answers 403 50013 from the bot's real permissions, and 160004 for a second thread on one message", async () => {
    const question = await receiveMention("q");
    discord.setBotPermissions(
      standardIds.guild,
      memberPermissions & ~PermissionFlagsBits.CreatePublicThreads,
    );
    await expect(question.startThread({ name: "q" })).rejects.toMatchObject({ code: 50013 });
    discord.setBotPermissions(standardIds.guild, memberPermissions);
    await question.startThread({ name: "q" });
    await expect(
      client.rest.post(`/channels/${standardIds.general}/messages/${question.id}/threads`, {
        body: { name: "again" },
      }),
    ).rejects.toMatchObject({ code: 160004 });
  });

  it("registers slash commands globally and per guild with bulk overwrites", async () => {
    const ask = {
      name: "ask",
      description: "Ask Sabio",
      options: [{ name: "question", description: "Your question", type: 3, required: true }],
    };
    const first = await client.application?.commands.set([ask]);
    const again = await client.application?.commands.set([ask, { name: "sabio", description: "Sabio" }]);
    await client.application?.commands.set([ask], standardIds.guild);

    expect(discord.callsTo("putGlobalCommands")).toHaveLength(2);
    expect(discord.callsTo("putGuildCommands")[0]?.params.guild_id).toBe(standardIds.guild);
    expect(again?.find((command) => command.name === "ask")?.id).toBe(first?.first()?.id);
    expect(discord.commands().map((command) => command.name)).toEqual(["ask", "sabio"]);
    expect(discord.commands(standardIds.guild)[0]).toMatchObject({
      name: "ask",
      guild_id: standardIds.guild,
    });
    await expect(
      client.application?.commands.set([{ name: "Bad Name", description: "x" }]),
    ).rejects.toMatchObject({
      code: 50035,
    });
  });

  it("echoes the bot's own changes on the gateway, as Discord does (a bot must ignore its own messages)", async () => {
    const question = await receiveMention("q");
    const ownMessage = new Promise<Message>((resolve) => {
      client.on("messageCreate", (message) => {
        if (message.author.id === discord.botUserId) resolve(message);
      });
    });
    const threadCreated = new Promise<boolean>((resolve) => {
      client.on("threadCreate", (_thread, newlyCreated) => resolve(newlyCreated));
    });
    const thread = await question.startThread({ name: "q" });
    const sent = await thread.send("an answer");
    const echoed = await ownMessage;
    expect(echoed.id).toBe(sent.id);
    expect(echoed.author.bot).toBe(true);
    expect(await threadCreated).toBe(true);
  });

  it("opens a DM and sends in it", async () => {
    const user = await client.users.fetch(standardIds.owner);
    const sent = await user.send({
      content: "Notion needs you to reconnect.",
      allowedMentions: { parse: [] },
    });
    expect(discord.callsTo("createDM")[0]?.body).toEqual({ recipient_id: standardIds.owner });
    expect(discord.messages(sent.channelId)[0]?.content).toBe("Notion needs you to reconnect.");
  });
});

describe("Discord REST stand-in with Discord's rate limits on (rateLimits: true)", () => {
  let discord: DiscordStandIn;
  /** The stand-in's clock when set (plain-fetch tests), real time otherwise (discord.js paces by it). */
  let frozenAt: number | undefined;

  beforeEach(async () => {
    frozenAt = undefined;
    discord = await startDiscordStandIn({ rateLimits: true, now: () => frozenAt ?? Date.now() });
  });
  afterEach(async () => {
    await discord.close();
  });

  /** Mentions stored in #general (a dispatch stores them), for reactions to land on. */
  const questions = (count: number): string[] =>
    Array.from({ length: count }, (_, index) => {
      const mention = discord.mentionMessage({
        channelId: standardIds.general,
        authorId: standardIds.member,
        text: `question ${index}`,
      });
      discord.dispatch("MESSAGE_CREATE", mention);
      return String(mention.id);
    });
  const react = (messageId: string) =>
    fetch(
      `${discord.apiUrl}/v10/channels/${standardIds.general}/messages/${messageId}/reactions/${encodeURIComponent("👀")}/@me`,
      { method: "PUT", headers: { authorization: `Bot ${discord.token}` } },
    );

  it("answers a burst of reactions in one channel with the bucket's headers, and a 429 past it", async () => {
    frozenAt = 1_800_000_000_000;
    const [first, second, third] = questions(3);
    const answers = await Promise.all([react(first ?? ""), react(second ?? ""), react(third ?? "")]);

    // The reaction bucket holds one call per 250 ms per channel: the first passes, the rest wait.
    expect(answers.map((answer) => answer.status).sort()).toEqual([204, 429, 429]);
    const passed = answers.find((answer) => answer.status === 204);
    expect(passed?.headers.get("x-ratelimit-limit")).toBe("1");
    expect(passed?.headers.get("x-ratelimit-remaining")).toBe("0");
    expect(passed?.headers.get("x-ratelimit-bucket")).toBe("stand-in-reactions");
    expect(passed?.headers.get("x-ratelimit-reset-after")).toBe("0.250");
    expect(passed?.headers.get("x-ratelimit-reset")).toBe("1800000000.250");
    const refused = answers.find((answer) => answer.status === 429);
    expect(refused?.headers.get("retry-after")).toBe("1");
    expect(refused?.headers.get("x-ratelimit-scope")).toBe("user");
    const body = (await refused?.json()) as { retry_after: number; global: boolean };
    expect(body.global).toBe(false);
    expect(body.retry_after).toBe(0.25);
    // Refused calls are recorded, and only the one that passed left a reaction.
    expect(
      discord
        .callsTo("addReaction")
        .map((call) => call.status)
        .sort(),
    ).toEqual([204, 429, 429]);
    const reacted = [first, second, third].filter(
      (id) => discord.reactionsOn(standardIds.general, id ?? "").length > 0,
    );
    expect(reacted).toHaveLength(1);

    // 249 ms on the bucket is still empty; at 250 ms it is full again.
    frozenAt += 249;
    expect((await react(second ?? "")).status).toBe(429);
    frozenAt += 1;
    expect((await react(second ?? "")).status).toBe(204);
  });

  it("counts message creates per channel, 5 per 5 s: a sixth in one channel is refused, another channel is not", async () => {
    frozenAt = 1_800_000_000_000;
    const send = (channelId: string) =>
      fetch(`${discord.apiUrl}/v10/channels/${channelId}/messages`, {
        method: "POST",
        headers: { authorization: `Bot ${discord.token}`, "content-type": "application/json" },
        body: JSON.stringify({ content: "hi", allowed_mentions: { parse: [] } }),
      });
    const statuses: number[] = [];
    const remaining: (string | null)[] = [];
    for (let index = 0; index < 6; index += 1) {
      const answer = await send(standardIds.general);
      statuses.push(answer.status);
      remaining.push(answer.headers.get("x-ratelimit-remaining"));
    }
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
    expect(remaining).toEqual(["4", "3", "2", "1", "0", "0"]);
    expect((await send(standardIds.random)).status).toBe(200);
    expect(discord.messages(standardIds.general)).toHaveLength(5);
  });

  it("lets discord.js pace itself by the headers: a burst of 👀 through its REST queue never meets a 429", async () => {
    const client = await loginStandInClient(discord);
    try {
      const ids = questions(4);
      const channel = client.channels.cache.get(standardIds.general) as TextChannel;
      const messages = await Promise.all(ids.map((id) => channel.messages.fetch(id)));
      await Promise.all(messages.map((message) => message.react("👀")));

      const calls = discord.callsTo("addReaction");
      expect(calls.map((call) => call.status)).toEqual([204, 204, 204, 204]);
      // Queued behind the bucket: each reaction at least 250 ms after the one before.
      const gaps = calls.slice(1).map((call, index) => call.at - (calls[index]?.at ?? 0));
      for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(250);
    } finally {
      await client.destroy();
    }
  });
});
