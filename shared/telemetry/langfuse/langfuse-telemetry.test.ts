import { afterEach, describe, expect, it } from "vitest";
import { type LangfuseStandIn, startLangfuseStandIn } from "#test/stand-ins/langfuse/langfuse-server.ts";
import { closedPortHost } from "#test/stand-ins/ollama/closed-port-host.ts";
import { traceIdOf } from "../trace-ids.ts";
import { createLangfuseTelemetry, type LangfuseTelemetry } from "./langfuse-telemetry.ts";

const keys = { publicKey: "pk-lf-test", secretKey: "sk-lf-secret-value" };
const ref = { workspaceId: "w1", questionId: "q-123", platform: "slack" };
let standIn: LangfuseStandIn | undefined;
let telemetry: LangfuseTelemetry | undefined;

afterEach(async () => {
  await telemetry?.shutdown();
  await standIn?.stop();
  telemetry = undefined;
  standIn = undefined;
});

function answerOnce(target: LangfuseTelemetry): void {
  target.questionAsked({
    ...ref,
    userHash: "u-hash",
    question: "How many vacation days?",
    questionLength: 23,
  });
  target.retrieval({
    ...ref,
    query: "How many vacation days?",
    results: [{ chunkId: "c1", documentId: "d1", score: 0.8 }],
    dense: true,
    durationMs: 12,
  });
  target.modelAttempt({
    ...ref,
    model: "gemma4:e4b",
    outcome: "ok",
    fallback: false,
    startedAt: new Date(),
    durationMs: 40,
    timeToFirstTokenMs: 10,
    promptTokens: 120,
    completionTokens: 30,
  });
  target.answerPosted({
    ...ref,
    mode: "generated",
    latencyMs: 60,
    answerLength: 25,
    sourceCount: 1,
    answer: "Twenty-five days a year [1].",
  });
}

describe("Langfuse telemetry", () => {
  it("closes a failed question's trace as an error naming the code", async () => {
    standIn = await startLangfuseStandIn(keys);
    telemetry = createLangfuseTelemetry({ ...keys, baseUrl: standIn.baseUrl });
    telemetry.questionAsked({ ...ref, userHash: null, question: "Why?", questionLength: 4 });
    telemetry.answerFailed({ ...ref, errorCode: "unavailable", latencyMs: 900 });
    await telemetry.flush();
    await standIn.waitForSpans(1);
    const root = standIn.spans.find((span) => span.name === "question");
    expect(root?.traceId).toBe(traceIdOf(ref.questionId));
    expect(root?.attributes["langfuse.observation.level"]).toBe("ERROR");
    expect(root?.attributes["langfuse.observation.status_message"]).toBe("unavailable");
  });

  it("writes one trace per question: a retriever and a generation under the question's root", async () => {
    standIn = await startLangfuseStandIn(keys);
    telemetry = createLangfuseTelemetry({ ...keys, baseUrl: standIn.baseUrl });
    answerOnce(telemetry);
    await telemetry.flush();
    await standIn.waitForSpans(3);

    const traceIds = new Set(standIn.spans.map((span) => span.traceId));
    expect(traceIds).toEqual(new Set([traceIdOf(ref.questionId)]));
    const root = standIn.spans.find((span) => span.name === "question");
    const retrieval = standIn.spans.find((span) => span.name === "retrieval");
    const generation = standIn.spans.find((span) => span.name === "generation");
    expect(root?.parentSpanId).toBeUndefined();
    expect(retrieval?.parentSpanId).toBe(root?.spanId);
    expect(generation?.parentSpanId).toBe(root?.spanId);
    expect(retrieval?.attributes["langfuse.observation.type"]).toBe("retriever");
    expect(generation?.attributes["langfuse.observation.type"]).toBe("generation");
    expect(generation?.attributes["langfuse.observation.model.name"]).toBe("gemma4:e4b");
    expect(JSON.parse(String(generation?.attributes["langfuse.observation.usage_details"]))).toEqual({
      input: 120,
      output: 30,
    });
    expect(generation?.attributes["langfuse.observation.completion_start_time"]).toBeTruthy();
    expect(root?.attributes["user.id"]).toBe("u-hash");
    expect(root?.attributes["langfuse.trace.metadata.workspace_id"]).toBe("w1");
    expect(root?.attributes["langfuse.trace.metadata.mode"]).toBe("generated");
    expect(telemetry.openQuestions()).toBe(0);
    expect(standIn.bodies.join("\n")).not.toContain(keys.secretKey);
  });

  it("is refused by a Langfuse that does not know its keys (the stand-in checks Basic auth)", async () => {
    standIn = await startLangfuseStandIn(keys);
    telemetry = createLangfuseTelemetry({ ...keys, secretKey: "sk-wrong", baseUrl: standIn.baseUrl });
    answerOnce(telemetry);
    await telemetry.flush();
    expect(standIn.unauthorized).toBeGreaterThan(0);
    expect(standIn.spans).toHaveLength(0);
  });

  it("turns 👍 into a boolean score on the trace, and a second click updates the same score", async () => {
    standIn = await startLangfuseStandIn(keys);
    telemetry = createLangfuseTelemetry({ ...keys, baseUrl: standIn.baseUrl });
    telemetry.feedbackGiven({ ...ref, userHash: "u-hash", value: "up" });
    await telemetry.flush();
    telemetry.feedbackGiven({ ...ref, userHash: "u-hash", value: "down" });
    await telemetry.flush();
    await standIn.waitForScoreEvents(2);

    const [first, second] = standIn.scoreEvents;
    expect(first).toMatchObject({ traceId: traceIdOf(ref.questionId), dataType: "BOOLEAN", value: 1 });
    expect(second?.id).toBe(first?.id);
    expect(standIn.scores()).toEqual([expect.objectContaining({ id: first?.id, value: 0 })]);
    telemetry.feedbackGiven({ ...ref, userHash: "another-user", value: "up" });
    telemetry.answerApproved({ ...ref, corrected: false });
    await telemetry.flush();
    await standIn.waitForScoreEvents(4);
    expect(standIn.scores().map((score) => score.name)).toEqual([
      "user_feedback",
      "user_feedback",
      "approved",
    ]);
  });

  it("keeps at most maxOpenQuestions traces open when answers never finish", async () => {
    telemetry = createLangfuseTelemetry({ ...keys, baseUrl: await closedPortHost(), maxOpenQuestions: 3 });
    for (let index = 0; index < 10; index += 1) {
      telemetry.questionAsked({
        ...ref,
        questionId: `q${index}`,
        userHash: null,
        question: "?",
        questionLength: 1,
      });
    }
    expect(telemetry.openQuestions()).toBe(3);
  });

  it("answers on when Langfuse is down: every call returns and flush resolves", async () => {
    telemetry = createLangfuseTelemetry({ ...keys, baseUrl: await closedPortHost() });
    answerOnce(telemetry);
    telemetry.feedbackGiven({ ...ref, userHash: "u", value: "up" });
    await expect(telemetry.flush()).resolves.toBeUndefined();
  });
});
