import type { ChildProcess } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { keptText } from "#bots/slack/receive/question-reply-texts.ts";
import { waitForStart } from "#test/helpers/process-output.ts";
import { testRedisUrl } from "#test/helpers/queue-test-kit.ts";
import { type SlackProcessFixture, startSlackProcessFixture } from "#test/helpers/slack-process-fixture.ts";
import { slackEventBody } from "#test/helpers/slack-signing.ts";
import { startTcpProxy, type TcpProxy } from "#test/helpers/tcp-proxy.ts";
import { waitFor } from "#test/helpers/wait-for.ts";

const signingSecret = "test-signing-secret";

/** The "done": a question sent while Redis is down is answered after Redis returns. */
describe("sabio start while Redis goes away (real process, Redis behind a proxy the test cuts)", () => {
  let fixture: SlackProcessFixture;
  let proxy: TcpProxy;
  let child: ChildProcess | undefined;

  beforeAll(async () => {
    fixture = await startSlackProcessFixture("default");
    const redis = new URL(testRedisUrl);
    proxy = await startTcpProxy({ host: redis.hostname, port: Number(redis.port || 6379) });
  });

  afterAll(async () => {
    child?.kill("SIGKILL");
    await proxy?.close();
    await fixture?.dispose();
  });

  const deliver = (body: string, headers: Record<string, string> = {}) =>
    fixture.deliver(body, signingSecret, headers);

  it("keeps the question, says it comes shortly, and answers it once when Redis is back", async () => {
    const { slack } = fixture;
    child = fixture.spawnSabio(["start"], {
      SLACK_BOT_TOKEN: "xoxb-test-token",
      SLACK_SIGNING_SECRET: signingSecret,
      REDIS_URL: proxy.url("redis"),
      LOG_LEVEL: "info",
    });
    await waitForStart(child);

    await proxy.cut();
    const event = {
      type: "app_mention",
      user: "U123",
      text: "<@UBOT> where do visitors park?",
      ts: "1700000100.000100",
      channel: "C0001",
      event_ts: "1700000100.000100",
    };
    const body = slackEventBody(event, { teamId: "T0001", eventId: "EvOUT1" });
    expect(await deliver(body)).toBe(200);
    const [told] = await slack.waitFor("chat.postMessage", 1, 15_000);
    expect(told?.args).toMatchObject({ channel: "C0001", thread_ts: event.ts, text: keptText });
    // Redelivered while still down: kept once.
    expect(await deliver(body, { "x-slack-retry-num": "1", "x-slack-retry-reason": "http_timeout" })).toBe(
      200,
    );

    await proxy.restore();
    const answerIn = (thread: ReturnType<typeof slack.thread>) =>
      thread.filter((message) => message.bot_id && /level minus two/.test(message.text));
    const answers = await waitFor(async () => {
      const found = answerIn(slack.thread("C0001", event.ts));
      return found.length > 0 && !JSON.stringify(found).includes("Thinking") ? found : undefined;
    }, 45_000);
    expect(answers).toHaveLength(1);
    expect(JSON.stringify(answers[0])).toContain("parking.md");

    // Shut down cleanly: every handler has finished, so a second answer would have been posted by now.
    const exited = new Promise<number | null>((resolve) => child?.on("exit", (code) => resolve(code)));
    child.kill("SIGTERM");
    expect(await exited).toBe(0);
    expect(answerIn(slack.thread("C0001", event.ts))).toHaveLength(1);
    expect(slack.callsTo("chat.postMessage").filter((call) => call.args.text === keptText)).toHaveLength(1);
  }, 180_000);
});
