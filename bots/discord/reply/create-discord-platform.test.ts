import { REST, Routes } from "discord.js";
import { afterEach, describe, expect, it } from "vitest";
import type { Reply, ReplyHandle, ReplyTarget } from "#shared/platform/platform.ts";
import { memoryInteractionTokens } from "#test/helpers/memory-interaction-tokens.ts";
import { silentLogger } from "#test/helpers/silent-logger.ts";
import {
  type DiscordStandIn,
  standardIds,
  startDiscordStandIn,
} from "#test/stand-ins/discord/discord-server.ts";
import { createDiscordPlatform } from "./create-discord-platform.ts";

const reply: Reply = {
  text: "Vacation is 25 days a year [1]. Ask @everyone or <@1100000000000000201>.",
  mode: "generated",
  model: "m",
  sources: [{ n: 1, title: "Time off", url: "https://wiki.example/time-off", documentId: "d1" }],
};

let discord: DiscordStandIn;
afterEach(async () => discord?.close());

async function setUp() {
  discord = await startDiscordStandIn();
  const rest = new REST({ api: discord.apiUrl }).setToken(discord.token);
  const tokens = memoryInteractionTokens();
  const platform = createDiscordPlatform({
    rest,
    interactionTokens: tokens,
    logger: silentLogger(),
    updateIntervalMs: 20,
  });
  const ask = (channelId: string, content: string) => {
    const message = discord.userMessage({ channelId, authorId: standardIds.member, content });
    discord.dispatch("MESSAGE_CREATE", message);
    return message.id as string;
  };
  return { rest, tokens, platform, ask };
}

const record = () => {
  const handles: ReplyHandle[] = [];
  return { handles, record: async (handle: ReplyHandle) => void handles.push(handle) };
};
const botMessages = (channelId: string) =>
  discord.messages(channelId).filter((message) => message.author.id === discord.botUserId);

describe("Discord platform", () => {
  it("answers /ask in the deferred response, through the interaction's webhook", async () => {
    const { rest, tokens, platform } = await setUp();
    const command = discord.slashCommand({
      channelId: standardIds.general,
      userId: standardIds.member,
      command: "ask",
      options: { question: "How many vacation days?" },
    });
    discord.dispatch("INTERACTION_CREATE", command);
    await rest.post(Routes.interactionCallback(command.id, command.token), {
      body: { type: 5 },
      auth: false,
    });
    await tokens.save(command.id, command.token);
    const target: ReplyTarget = {
      workspaceId: "acme",
      channelId: standardIds.general,
      interactionId: command.id,
      userId: standardIds.member,
      questionId: "q-ask",
    };
    const stream = await platform.stream(target, record());
    await stream.append("Vacation is 25 days");
    await stream.finish(reply);
    expect(discord.callsTo("createMessage")).toHaveLength(0);
    const [answer, ...others] = botMessages(standardIds.general);
    expect(others).toHaveLength(0);
    expect(answer?.content).toContain("25 days a year");
    expect(answer?.components?.length).toBe(1);
    expect(discord.callsTo("editWebhookMessage").length).toBeGreaterThanOrEqual(2);
  });

  it("answers /ask in the channel when its token has expired", async () => {
    const { platform } = await setUp();
    const target: ReplyTarget = {
      workspaceId: "acme",
      channelId: standardIds.general,
      interactionId: "900000000000000009",
      questionId: "q-late",
    };
    await platform.post(target, reply);
    expect(discord.callsTo("editWebhookMessage")).toHaveLength(0);
    expect(botMessages(standardIds.general).at(-1)?.content).toContain("25 days a year");
  });

  it("replies to the question in the channel when it has no thread (thread creation refused)", async () => {
    const { platform, ask } = await setUp();
    const questionId = ask(standardIds.general, "<@bot> vacation?");
    const target = { workspaceId: "acme", channelId: standardIds.general, messageId: questionId };
    const stream = await platform.stream(target, record());
    await stream.finish(reply);
    const [created] = discord.callsTo("createMessage");
    expect(created?.body).toMatchObject({ message_reference: { message_id: questionId } });
    expect(botMessages(standardIds.general)).toHaveLength(1);
  });

  it("pings no one: every message goes out with allowed_mentions parse [] and defused mentions", async () => {
    const { platform, ask } = await setUp();
    const questionId = ask(standardIds.general, "q");
    const target = { workspaceId: "acme", channelId: standardIds.general, messageId: questionId };
    const stream = await platform.stream(target, record());
    await stream.append("Ask @everyone");
    await stream.finish(reply);
    const sent = [...discord.callsTo("createMessage"), ...discord.callsTo("editMessage")];
    expect(sent.length).toBeGreaterThanOrEqual(2);
    for (const call of sent) expect(call.body).toMatchObject({ allowed_mentions: { parse: [] } });
    const content = botMessages(standardIds.general).at(-1)?.content ?? "";
    expect(content).not.toMatch(/@everyone|<@\d+>/);
  });

  it("waits out a 429 on an edit and a 500 on a post: the answer still arrives", async () => {
    const { platform, ask } = await setUp();
    const questionId = ask(standardIds.general, "q");
    const target = { workspaceId: "acme", channelId: standardIds.general, messageId: questionId };
    discord.failNext("createMessage", { status: 500 });
    const stream = await platform.stream(target, record());
    discord.failNext("editMessage", { rateLimited: { retryAfter: 0.2 } });
    await stream.finish(reply);
    expect(botMessages(standardIds.general).at(-1)?.content).toContain("25 days a year");
    expect(discord.calls.filter((call) => call.status === 429)).toHaveLength(1);
  });

  it("splits a long answer over several messages, each ≤ 2,000 characters, and records every part", async () => {
    const { platform, ask, rest } = await setUp();
    const questionId = ask(standardIds.general, "q");
    await rest.post(Routes.threads(standardIds.general, questionId), { body: { name: "q" } });
    const target = {
      workspaceId: "acme",
      channelId: questionId,
      threadId: questionId,
      messageId: questionId,
    };
    const paragraph = `${"Leave is planned with your lead well ahead of time. ".repeat(12)}[1]`;
    const long = { ...reply, text: Array.from({ length: 6 }, () => paragraph).join("\n\n") };
    const first = record();
    const stream = await platform.stream(target, first);
    const posted = await stream.finish(long);
    const messages = botMessages(questionId);
    expect(messages.length).toBeGreaterThan(1);
    expect(posted.ids).toEqual(messages.map((message) => message.id));
    for (const message of messages) expect(message.content.length).toBeLessThanOrEqual(2_000);
    expect(first.handles.at(-1)).toMatchObject({ followUps: messages.slice(1).map((message) => message.id) });

    // Another attempt given that handle leaves one message, not the old parts.
    const again = await platform.stream(target, { takeOver: first.handles.at(-1), record: async () => {} });
    await again.finish(reply);
    expect(botMessages(questionId)).toHaveLength(1);
  });
});
