import type { ChildProcess } from "node:child_process";
import { join } from "node:path";
import { GatewayIntentBits } from "discord.js";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { disallowedIntentsMessage, invalidTokenMessage } from "#bots/discord/client/discord-login-error.ts";
import {
  type DiscordProcessFixture,
  startDiscordProcessFixture,
} from "#test/helpers/discord-process-fixture.ts";
import { waitForOutput, waitForStart } from "#test/helpers/process-output.ts";
import { makeTempDir } from "#test/helpers/temp-dir.ts";
import { waitFor } from "#test/helpers/wait-for.ts";
import { standardIds } from "#test/stand-ins/discord/discord-server.ts";
import { main } from "./main.ts";

const exitOf = (child: ChildProcess) =>
  new Promise<number | null>((resolve) => {
    if (child.exitCode !== null) resolve(child.exitCode);
    else child.on("exit", (code) => resolve(code));
  });

/** The "done": `sabio start` with DISCORD_TOKEN answers a mention once, in a new thread, and /ask in place. */
describe("sabio start with Discord (real processes, stand-in Discord and Ollama)", () => {
  let fixture: DiscordProcessFixture;
  const children: ChildProcess[] = [];
  const botMessages = (channelId: string) =>
    fixture.discord.messages(channelId).filter((message) => message.author.id === fixture.discord.botUserId);

  beforeAll(async () => {
    // Tokens slow enough that the answer is seen being written (drafts are edits ~1 s apart).
    fixture = await startDiscordProcessFixture("default", {}, { tokenDelayMs: 120 });
  });
  afterAll(async () => {
    for (const child of children) child.kill("SIGKILL");
    await fixture?.dispose();
  });

  it("answers a mention exactly once with two processes on the same token: 👀, a thread, a streamed cited answer; a follow-up without a mention; /ask", async () => {
    const { discord } = fixture;
    const first = fixture.spawnSabio(["start"], { LOG_LEVEL: "info" });
    children.push(first);
    await waitForStart(first);
    // A second bot process (its own data dir: the embedded database serves one process).
    const second = fixture.spawnSabio(["start", "discord"], {}, join(fixture.dataDir, "..", "second"));
    children.push(second);
    await waitForStart(second);
    expect(discord.sessions()).toHaveLength(2);
    // Each start registers /ask and /sabio (a bulk overwrite: the same two commands).
    expect(
      discord
        .commands()
        .map((command) => command.name)
        .sort(),
    ).toEqual(["ask", "sabio"]);
    expect(discord.sessions()[0]?.intents).toBe(
      GatewayIntentBits.Guilds |
        GatewayIntentBits.GuildMessages |
        GatewayIntentBits.DirectMessages |
        GatewayIntentBits.MessageContent,
    );

    const mention = discord.mentionMessage({
      channelId: standardIds.general,
      authorId: standardIds.member,
      text: "where do visitors park?",
    });
    const bothDecided = Promise.all([
      waitForOutput(first, /discord question enqueued|duplicate discord delivery ignored/),
      waitForOutput(second, /discord question enqueued|duplicate discord delivery ignored/),
    ]);
    discord.dispatch("MESSAGE_CREATE", mention);
    await bothDecided;
    await discord.waitFor("addReaction", 1, 10_000);

    const jobs = await fixture.questionJobs();
    expect(jobs).toHaveLength(1);
    expect(jobs[0]).toMatchObject({
      workspaceId: "default",
      platform: "discord",
      eventId: mention.id,
      channelId: mention.id,
      threadId: mention.id,
      messageId: mention.id,
      teamId: standardIds.guild,
      text: "where do visitors park?",
    });
    expect(discord.threadOf(String(mention.id))?.name).toBe("where do visitors park?");
    expect(discord.callsTo("startThreadFromMessage")).toHaveLength(1);
    expect(discord.callsTo("addReaction")).toHaveLength(1);

    // The answer role of the first process replies in the thread: streamed, then the cited answer.
    const thread = String(mention.id);
    const answer = await waitFor(
      async () => botMessages(thread).find((message) => (message.components ?? []).length > 0),
      30_000,
    );
    expect(answer.content).toContain("level minus two");
    // A folder document has no web address: its title and path are the citation.
    expect(answer.content).toMatch(/\[1\] Parking — handbook\/parking\.md/);
    expect(botMessages(thread)).toHaveLength(1);
    const edits = discord.callsTo("editMessage").filter((call) => call.path.includes(answer.id));
    expect(edits.length).toBeGreaterThanOrEqual(2);
    expect(
      edits
        .slice(0, -1)
        .some((call) => /level|Visitors/.test(String((call.body as { content?: string }).content))),
    ).toBe(true);

    // A follow-up in Sabio's thread needs no mention, and the model sees the thread so far.
    const chatsBefore = fixture.ollama.requestsTo("/api/chat").length;
    const followUp = discord.userMessage({
      channelId: thread,
      authorId: standardIds.member,
      content: "and where do staff park?",
    });
    discord.dispatch("MESSAGE_CREATE", followUp);
    const followUpAnswer = await waitFor(async () => {
      const done = botMessages(thread).filter((message) => (message.components ?? []).length > 0);
      return done.length >= 2 ? done[1] : undefined;
    }, 30_000);
    expect(followUpAnswer.id).not.toBe(answer.id);
    const chat = fixture.ollama.requestsTo("/api/chat").slice(chatsBefore).at(-1);
    expect(JSON.stringify(chat?.body)).toContain("where do visitors park?");

    // /ask: deferred within the window, then the deferred reply becomes the answer.
    const ask = discord.slashCommand({
      channelId: standardIds.random,
      userId: standardIds.member,
      command: "ask",
      options: { question: "where do visitors park?" },
    });
    discord.dispatch("INTERACTION_CREATE", ask);
    const asked = await waitFor(
      async () =>
        discord
          .messages(standardIds.random)
          .find(
            (message) => message.interaction_metadata?.id === ask.id && (message.components ?? []).length > 0,
          ),
      30_000,
    );
    expect(asked.content).toContain("level minus two");
    expect(discord.interaction(ask.id)?.respondedWith).toBe(5);

    for (const child of [first, second]) child.kill("SIGTERM");
    expect(await Promise.all([exitOf(first), exitOf(second)])).toEqual([0, 0]);
  }, 300_000); // two processes start, three answers are streamed: minutes on a loaded machine
});

describe("sabio start discord when Discord refuses the intent or the token", () => {
  let fixture: DiscordProcessFixture;
  let child: ChildProcess | undefined;

  beforeAll(async () => {
    fixture = await startDiscordProcessFixture("default", {
      disallowedIntents: GatewayIntentBits.MessageContent,
    });
  });
  afterEach(() => {
    child?.kill("SIGKILL");
  });
  afterAll(async () => {
    await fixture?.dispose();
  });

  it("ends with one line naming the portal switch and DISCORD_MESSAGE_CONTENT=false", async () => {
    child = fixture.spawnSabio(["start", "discord"], { LOG_LEVEL: "silent" });
    let stderr = "";
    child.stderr?.on("data", (data: Buffer) => {
      stderr += data.toString();
    });
    expect(await exitOf(child)).toBe(2);
    expect(stderr.trim()).toBe(disallowedIntentsMessage);
  });

  it("ends with one line when the token is rejected, and the answer role stops with it", async () => {
    child = fixture.spawnSabio(["start"], { LOG_LEVEL: "silent", DISCORD_TOKEN: "not-the-bot-token" });
    let stderr = "";
    child.stderr?.on("data", (data: Buffer) => {
      stderr += data.toString();
    });
    expect(await exitOf(child)).toBe(2);
    expect(stderr.trim()).toBe(invalidTokenMessage);
  });
});

describe("sabio start discord without a token", () => {
  it("says which variable it needs, with exit code 2", async () => {
    const notes: string[] = [];
    const output = { out: () => {}, note: (line: string) => void notes.push(line), write: () => {} };
    const temp = await makeTempDir();
    try {
      expect(await main(["start", "discord"], { DATA_DIR: join(temp.path, "data") }, output)).toBe(2);
    } finally {
      await temp.remove();
    }
    expect(notes.join("\n")).toContain("The discord role needs DISCORD_TOKEN");
  });
});
