import { PostHogPersistedProperty } from "@posthog/core";
import { describe, expect, it } from "vitest";
import { closedPortHost } from "#test/stand-ins/ollama/closed-port-host.ts";
import { startPostHogStandIn } from "#test/stand-ins/posthog/posthog-server.ts";
import { createPostHogClient } from "./posthog-client.ts";
import { createPostHogTelemetry } from "./posthog-telemetry.ts";

const ref = { workspaceId: "w1", questionId: "q1", platform: "discord" };
const secretText = "Our secret merger plan with Initech";

describe("PostHog telemetry", () => {
  it("sends every event with the workspace group and drops question, query and answer text", async () => {
    const standIn = await startPostHogStandIn();
    const client = createPostHogClient({ apiKey: "phc_test", host: standIn.host, flushAt: 1 });
    const telemetry = createPostHogTelemetry(client);
    telemetry.questionAsked({ ...ref, userHash: "h1", question: secretText, questionLength: 35 });
    telemetry.retrieval({ ...ref, query: secretText, results: [], dense: false, durationMs: 3 });
    telemetry.answerPosted({
      ...ref,
      mode: "extractive",
      latencyMs: 9,
      answerLength: 40,
      sourceCount: 2,
      answer: secretText,
    });
    telemetry.feedbackGiven({ ...ref, userHash: "h1", value: "up" });
    telemetry.answerApproved({ ...ref, corrected: true });
    telemetry.sourceConnected({ workspaceId: "w1", kind: "notion", connectionId: "c1" });
    telemetry.syncFinished({
      workspaceId: "w1",
      kind: "notion",
      connectionId: "c1",
      mode: "full",
      state: "ok",
      durationMs: 120,
      documents: 7,
      failed: 0,
    });
    telemetry.billingStatusChanged({ workspaceId: "w1", from: "trialing", to: "active" });
    await telemetry.shutdown();
    await standIn.waitForEvents(7);
    expect(standIn.events.map((event) => event.event)).toEqual([
      "question_asked",
      "answer_posted",
      "feedback_given",
      "answer_approved",
      "source_connected",
      "sync_finished",
      "billing_status_changed",
    ]);
    for (const event of standIn.events) expect(event.properties.$groups).toEqual({ workspace: "w1" });
    expect(standIn.events[1]).toMatchObject({
      distinct_id: "h1",
      properties: { mode: "extractive", latency_ms: 9 },
    });
    expect(standIn.events[6]?.properties).toMatchObject({ from: "trialing", to: "active" });
    expect(standIn.paths.every((path) => path === "/batch/")).toBe(true);
    expect(standIn.bodies.join("\n")).not.toContain("merger");
    await standIn.stop();
  });

  it("keeps at most maxQueueSize events while PostHog is down, and never throws", async () => {
    const client = createPostHogClient({
      apiKey: "phc_test",
      host: await closedPortHost(),
      maxQueueSize: 5,
      flushAt: 5,
    });
    const telemetry = createPostHogTelemetry(client);
    let queued = 0;
    const allQueued = new Promise<void>((resolve) => {
      client.on("capture", () => {
        queued += 1;
        if (queued === 50) resolve();
      });
    });
    for (let index = 0; index < 50; index += 1) {
      telemetry.questionAsked({
        ...ref,
        questionId: `q${index}`,
        userHash: "h",
        question: "?",
        questionLength: 1,
      });
    }
    await allQueued;
    const queue = (client.getPersistedProperty(PostHogPersistedProperty.Queue) ?? []) as unknown[];
    expect(queue.length).toBeGreaterThan(0);
    expect(queue.length).toBeLessThanOrEqual(5);
    await expect(telemetry.flush()).resolves.toBeUndefined();
    await expect(telemetry.shutdown()).resolves.toBeUndefined();
  });
});
