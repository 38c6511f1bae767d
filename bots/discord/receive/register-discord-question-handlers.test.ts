import { ChannelType, GatewayIntentBits, PermissionFlagsBits, Routes } from "discord.js";
import { afterEach, describe, expect, it } from "vitest";
import {
  type DiscordReceiveHarness,
  startDiscordReceiveHarness,
  workspaceId,
} from "#test/discord/receive-test-kit.ts";
import {
  memberPermissions,
  missingPermissions,
  standardIds,
} from "#test/stand-ins/discord/discord-server.ts";
import { mentionForFollowUpsText, unavailableText } from "./question-reply-texts.ts";

const { guild, general, member, otherBot } = standardIds;

describe("Discord question handlers (real discord.js, stand-in Discord, real Redis)", () => {
  let harness: DiscordReceiveHarness;

  afterEach(async () => {
    await harness?.close();
  });

  const mention = (text: string, channelId: string = general) =>
    harness.discord.mentionMessage({ channelId, authorId: member, text });
  const say = (content: string, channelId: string) =>
    harness.discord.userMessage({ channelId, authorId: member, content });
  const botMessagesIn = (channelId: string) =>
    harness.discord.messages(channelId).filter((message) => message.author.id === harness.discord.botUserId);

  it("answers a mention: 👀, typing, a thread named after the question, one job for it", async () => {
    harness = await startDiscordReceiveHarness();
    const { discord } = harness;
    const question = mention("How many vacation days do we get?");
    await harness.deliver(question);

    const jobs = await harness.jobs();
    expect(jobs).toHaveLength(1);
    const thread = discord.threadOf(String(question.id));
    expect(thread?.name).toBe("How many vacation days do we get?");
    expect(thread?.id).toBe(question.id);
    expect(jobs[0]).toMatchObject({
      workspaceId,
      platform: "discord",
      eventId: question.id,
      channelId: question.id,
      threadId: question.id,
      messageId: question.id,
      userId: member,
      teamId: guild,
      text: "How many vacation days do we get?",
    });
    expect(discord.reactionsOn(general, String(question.id))).toEqual(["👀"]);
    expect(discord.callsTo("triggerTyping").map((call) => call.params.channel_id)).toEqual([general]);
    expect(await harness.redis.exists(`${harness.keyPrefix}:discord:thread:${question.id}`)).toBe(1);
  });

  it("takes a follow-up in Sabio's thread without a mention, and ignores threads Sabio is not in", async () => {
    harness = await startDiscordReceiveHarness();
    const question = mention("Where do visitors park?");
    await harness.deliver(question);
    const threadId = String(question.id);

    const followUp = say("And on weekends?", threadId);
    await harness.deliver(followUp);
    const jobs = await harness.jobs();
    expect(jobs).toHaveLength(2);
    expect(jobs.find((job) => job.eventId === followUp.id)).toMatchObject({
      channelId: threadId,
      threadId,
      messageId: followUp.id,
      text: "And on weekends?",
    });

    // Talk to someone else in the thread, and a thread Sabio never answered in, are left alone.
    await harness.deliver(say(`<@${standardIds.owner}> thanks, that helps`, threadId));
    const elsewhere = say("a thread of our own", general);
    await harness.deliver(elsewhere);
    expect(await harness.jobs()).toHaveLength(2);
  });

  it("answers a mention inside a people's thread in that thread, and follows it from then on", async () => {
    harness = await startDiscordReceiveHarness();
    const created = (await harness.bots[0]?.client.rest.post(Routes.threads(general), {
      body: { name: "team chat", type: ChannelType.PublicThread },
    })) as { id: string };
    const question = mention("what is the office address?", created.id);
    await harness.deliver(question);
    await harness.deliver(say("and the postcode?", created.id));
    const jobs = await harness.jobs();
    expect(jobs).toHaveLength(2);
    for (const job of jobs) expect(job).toMatchObject({ channelId: created.id, threadId: created.id });
    expect(jobs.map((job) => job.messageId)).toContain(question.id);
    expect(harness.discord.callsTo("startThreadFromMessage")).toHaveLength(0);
  });

  it("answers a DM in the DM, from the user's shared guild when each guild is its own workspace", async () => {
    harness = await startDiscordReceiveHarness({ perGuild: true });
    const dm = harness.discord.dmChannel(member);
    const question = say("what is the expense limit?", dm.id);
    await harness.deliver(question);
    const jobs = await harness.jobs();
    expect(jobs).toHaveLength(1);
    expect(jobs[0]).toMatchObject({
      workspaceId: `discord-${guild}`,
      platform: "discord",
      channelId: dm.id,
      messageId: question.id,
      text: "what is the expense limit?",
    });
    expect(jobs[0]?.threadId).toBeUndefined();
    expect(jobs[0]?.teamId).toBeUndefined();
    expect(harness.discord.callsTo("startThreadFromMessage")).toHaveLength(0);
  });

  it("ignores bots, its own messages and @everyone, and answers an empty mention with help", async () => {
    harness = await startDiscordReceiveHarness();
    const { discord } = harness;
    await harness.deliver(discord.mentionMessage({ channelId: general, authorId: otherBot, text: "beep?" }));
    await harness.deliver(say("@everyone what is the wifi password?", general));
    const empty = mention("  🎉 !!! ");
    await harness.deliver(empty);

    expect(await harness.jobs()).toHaveLength(0);
    const [help] = botMessagesIn(general);
    expect(help?.content).toContain("/ask");
    expect(help?.message_reference?.message_id).toBe(empty.id);
    expect(discord.callsTo("createMessage")[0]?.body).toMatchObject({ allowed_mentions: { parse: [] } });
    // Sabio's own reply comes back over the gateway: still no question.
    await harness.deliver(
      discord.userMessage({
        channelId: general,
        authorId: discord.botUserId,
        content: `<@${discord.botUserId}> hi`,
      }),
    );
    expect(await harness.jobs()).toHaveLength(0);
    expect(discord.callsTo("addReaction")).toHaveLength(0);
  });

  it("explains instead of enqueueing a 5,000-character question", async () => {
    harness = await startDiscordReceiveHarness();
    const long = mention(`why ${"a".repeat(4996)}`);
    await harness.deliver(long);
    expect(await harness.jobs()).toHaveLength(0);
    expect(botMessagesIn(general)[0]?.content).toMatch(
      /5,00\d characters long; I can take questions of up to 4,000/,
    );
    expect(harness.discord.callsTo("startThreadFromMessage")).toHaveLength(0);
  });

  it("answers once when a RESUME replays a message and when a restarted bot receives it again", async () => {
    harness = await startDiscordReceiveHarness();
    const { discord } = harness;
    // Dispatched while the connection is down: the RESUME replays it.
    discord.dropConnections();
    const question = mention("Who approves travel?");
    const resumed = discord.waitForGateway("RESUME");
    await harness.deliver(question);
    await resumed;
    expect(await harness.jobs()).toHaveLength(1);

    // A new process (discord.js's own message cache is gone) gets the same event: still one.
    await harness.restart();
    await harness.deliver(question);
    const jobs = await harness.jobs();
    expect(jobs.map((job) => job.eventId)).toEqual([question.id]);
    expect(discord.callsTo("startThreadFromMessage")).toHaveLength(1);
    expect(discord.callsTo("addReaction")).toHaveLength(1);
  });

  it("answers once with two bot processes logged in on the same token", async () => {
    harness = await startDiscordReceiveHarness();
    await harness.addBot();
    expect(harness.discord.sessions()).toHaveLength(2);
    const question = mention("How do I reset my password?");
    await harness.deliver(question);
    expect(await harness.jobs()).toHaveLength(1);
    expect(harness.discord.callsTo("startThreadFromMessage")).toHaveLength(1);
    expect(harness.discord.callsTo("addReaction")).toHaveLength(1);
  });

  it("answers in the channel when it may not create threads (403, 50013)", async () => {
    harness = await startDiscordReceiveHarness();
    harness.discord.failNext("startThreadFromMessage", missingPermissions);
    const question = mention("Is Friday a holiday?");
    await harness.deliver(question);
    const [job] = await harness.jobs();
    expect(job).toMatchObject({ channelId: general, messageId: question.id, teamId: guild });
    expect(job?.threadId).toBeUndefined();

    // Without the permission at all (the stand-in's own check), the same.
    harness.discord.setBotPermissions(guild, memberPermissions & ~PermissionFlagsBits.CreatePublicThreads);
    const second = mention("Is Monday a holiday?");
    await harness.deliver(second);
    const jobs = await harness.jobs();
    expect(jobs.find((item) => item.eventId === second.id)).toMatchObject({ channelId: general });
    expect(harness.discord.threadOf(String(second.id))).toBeUndefined();
  });

  it("without Message Content: says in the new thread that follow-ups need a mention, and reads mentions there", async () => {
    harness = await startDiscordReceiveHarness({ messageContent: false });
    const [session] = harness.discord.sessions();
    expect((session?.intents ?? GatewayIntentBits.MessageContent) & GatewayIntentBits.MessageContent).toBe(0);
    const question = mention("Where is the handbook?");
    await harness.deliver(question);
    const threadId = String(question.id);
    expect(botMessagesIn(threadId).map((message) => message.content)).toEqual([mentionForFollowUpsText]);

    // Blanked by Discord: not readable, not answered (no help reply either).
    await harness.deliver(say("and the holidays?", threadId));
    await harness.deliver(mention("and the holidays?", threadId));
    const jobs = await harness.jobs();
    expect(jobs.map((job) => job.text).sort()).toEqual(["Where is the handbook?", "and the holidays?"]);
    expect(botMessagesIn(threadId)).toHaveLength(1);
  });

  it("gives the claim back when the question cannot be enqueued, so a replay gets through", async () => {
    harness = await startDiscordReceiveHarness({ failEnqueues: 1 });
    const question = mention("What is the wifi password?");
    await harness.deliver(question);
    expect(await harness.jobs()).toHaveLength(0);
    expect(botMessagesIn(general).map((message) => message.content)).toEqual([unavailableText]);

    await harness.restart();
    await harness.deliver(question);
    expect((await harness.jobs()).map((job) => job.eventId)).toEqual([question.id]);
  });
});
