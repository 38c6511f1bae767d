import { afterEach, describe, expect, it } from "vitest";
import { captureLogger } from "#test/helpers/queue-test-kit.ts";
import {
  appMention,
  botUserId,
  type ReceiveHarness,
  startReceiveHarness,
} from "#test/slack/receive-test-kit.ts";
import { unavailableText } from "./question-reply-texts.ts";

let harness: ReceiveHarness | undefined;

afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

async function waitUntil<T>(probe: () => Promise<T | undefined>, timeoutMs = 3_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = await probe();
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error(`nothing after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe("when Slack or the queue misbehave", () => {
  it("enqueues without waiting for a slow 👀 reaction or thread status", async () => {
    harness = await startReceiveHarness({
      slowMethods: { "reactions.add": 2_000, "assistant.threads.setStatus": 2_000 },
    });
    const started = Date.now();
    const sent = await harness.sendEvent(appMention(`<@${botUserId}> Is the VPN required?`), {
      eventId: "EvSLOW",
    });
    expect(sent.status).toBe(200);
    expect(sent.ms).toBeLessThan(1_000);

    const current = harness;
    const jobs = await waitUntil(async () => {
      const queued = await current.peekJobs();
      return queued.length > 0 ? queued : undefined;
    });
    expect(Date.now() - started).toBeLessThan(1_500);
    expect(jobs.map((job) => job.eventId)).toEqual(["EvSLOW"]);
    // Slack has not even seen the reaction yet: it is still held by the slow API.
    expect(harness.slack.callsTo("reactions.add")).toEqual([]);

    await harness.handlers().whenIdle();
    expect(harness.slack.callsTo("reactions.add")).toHaveLength(1);
    expect(harness.slack.callsTo("assistant.threads.setStatus")).toHaveLength(1);
  });

  it("still enqueues when the reaction is refused and the status call is rate-limited", async () => {
    const { logger, lines } = captureLogger();
    harness = await startReceiveHarness({ logger });
    harness.slack.failNext("reactions.add", { error: "missing_scope" });
    harness.slack.failNext("assistant.threads.setStatus", { rateLimited: 30 });

    const started = Date.now();
    await harness.sendEvent(appMention(`<@${botUserId}> Where is the wiki?`), { eventId: "EvREFUSED" });
    expect((await harness.jobs()).map((job) => job.eventId)).toEqual(["EvREFUSED"]);
    // A 429 is not waited out (rejectRateLimitedCalls): the status is given up at once.
    expect(Date.now() - started).toBeLessThan(3_000);
    const warnings = lines.filter((line) => line.level === 40).map((line) => line.msg);
    expect(warnings).toEqual(
      expect.arrayContaining(["could not add the 👀 reaction", "could not set the thread status"]),
    );
  });

  it("tells the asker when the question cannot be enqueued, and lets a redelivery try again", async () => {
    // A workspace id the queue refuses: enqueue fails as it would with Redis unreachable.
    harness = await startReceiveHarness({ workspaceFor: () => "Not A Workspace!" });
    const event = appMention(`<@${botUserId}> How do I expense a train ticket?`, { channel: "C0DOWN" });
    await harness.sendEvent(event, { eventId: "EvDOWN" });
    await harness.handlers().whenIdle();
    await harness.sendEvent(event, { eventId: "EvDOWN", retryNum: 1 });
    await harness.handlers().whenIdle();

    expect(await harness.jobs()).toEqual([]);
    const replies = harness.slack.callsTo("chat.postMessage").map((call) => call.args);
    expect(replies).toEqual([
      expect.objectContaining({ channel: "C0DOWN", thread_ts: event.ts, text: unavailableText }),
      expect.objectContaining({ channel: "C0DOWN", thread_ts: event.ts, text: unavailableText }),
    ]);
  });

  it("logs a listener that throws and keeps serving", async () => {
    const { logger, lines } = captureLogger();
    harness = await startReceiveHarness({ logger });
    harness.app().event("app_mention", async () => {
      throw new Error("a listener bug");
    });
    const first = await harness.sendEvent(appMention(`<@${botUserId}> first?`), { eventId: "EvBUG1" });
    const second = await harness.sendEvent(appMention(`<@${botUserId}> second?`), { eventId: "EvBUG2" });

    expect([first.status, second.status]).toEqual([200, 200]);
    expect((await harness.jobs()).map((job) => job.eventId).sort()).toEqual(["EvBUG1", "EvBUG2"]);
    await waitUntil(async () => (lines.some((line) => line.err === "a listener bug") ? true : undefined));
    expect(JSON.stringify(lines)).not.toContain("xoxb-test-token");
  });
});
