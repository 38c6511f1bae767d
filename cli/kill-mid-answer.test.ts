import type { ChildProcess } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { waitForStart } from "#test/helpers/process-output.ts";
import { type SlackProcessFixture, startSlackProcessFixture } from "#test/helpers/slack-process-fixture.ts";
import { slackEventBody } from "#test/helpers/slack-signing.ts";

const signingSecret = "test-signing-secret";
const questionTs = "1700000000.000100";

/** The "done": `kill -9` of `sabio start` mid-answer leaves exactly one answer message after restart. */
describe("sabio start killed mid-answer (real processes, stand-in Slack and Ollama)", () => {
  let fixture: SlackProcessFixture;
  let child: ChildProcess | undefined;

  beforeAll(async () => {
    fixture = await startSlackProcessFixture("default");
  });
  afterAll(async () => {
    child?.kill("SIGKILL");
    await fixture?.dispose();
  });

  const start = async () => {
    child = fixture.spawnSabio(["start", "answer", "slack"], {
      SLACK_BOT_TOKEN: "xoxb-test-token",
      SLACK_SIGNING_SECRET: signingSecret,
      LOG_LEVEL: "info",
    });
    await waitForStart(child);
    return child;
  };
  const botMessages = () =>
    fixture.slack.thread("C0001", questionTs).filter((message) => message.bot_id !== undefined);

  it("finishes the same message after a restart: one answer, no fragment, no open stream", async () => {
    const { slack, ollama } = fixture;
    const first = await start();
    ollama.tokenDelayMs = 500; // slow enough to kill it mid-stream
    const body = slackEventBody(
      {
        type: "app_mention",
        user: "U123",
        text: "<@UBOT> where do visitors park?",
        ts: questionTs,
        channel: "C0001",
        event_ts: questionTs,
      },
      { teamId: "T0001", eventId: "EvKILL1" },
    );
    expect(await fixture.deliver(body, signingSecret)).toBe(200);
    await slack.waitFor("chat.appendStream", 1, 20_000);
    const exited = new Promise((resolve) => first.once("exit", resolve));
    first.kill("SIGKILL");
    await exited;
    expect(botMessages()).toHaveLength(1);
    expect(botMessages()[0]?.streaming_state).toBe("in_progress");

    ollama.tokenDelayMs = 0;
    await start();
    // Signal: the takeover rewrites the message with the answer's blocks (its buttons).
    const deadline = Date.now() + 45_000;
    while (Date.now() < deadline && !JSON.stringify(botMessages()).includes("sabio_approve")) {
      await slack.waitFor("chat.update", slack.callsTo("chat.update").length + 1, 45_000).catch(() => []);
    }
    const messages = botMessages();
    expect(messages).toHaveLength(1);
    expect(messages[0]?.streaming_state).toBe("completed");
    expect(messages[0]?.text).toContain("level minus two");
    expect(JSON.stringify(messages[0])).toContain("sabio_approve");
    expect(slack.callsTo("chat.startStream")).toHaveLength(1);
  }, 240_000); // two process starts
});
