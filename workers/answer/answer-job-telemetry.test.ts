import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "#shared/db/open-database.ts";
import { getAnswer } from "#shared/db/question-repository.ts";
import { createOllamaEmbedder } from "#shared/knowledge/embed/ollama-embedder.ts";
import { createLanceDbStore } from "#shared/knowledge/store/lancedb-store.ts";
import type { VectorStore } from "#shared/knowledge/store/vector-store.ts";
import { createOllamaChatModel } from "#shared/model/ollama-chat-model.ts";
import { questionPayloadSchema } from "#shared/queue/job-catalog.ts";
import type { JobContext } from "#shared/queue/run-worker.ts";
import { createReviewService } from "#shared/review/review-service.ts";
import { combineTelemetry } from "#shared/telemetry/combine-telemetry.ts";
import { createLangfuseTelemetry } from "#shared/telemetry/langfuse/langfuse-telemetry.ts";
import { createPostHogClient } from "#shared/telemetry/posthog/posthog-client.ts";
import { createPostHogTelemetry } from "#shared/telemetry/posthog/posthog-telemetry.ts";
import type { Telemetry } from "#shared/telemetry/telemetry.ts";
import { traceIdOf } from "#shared/telemetry/trace-ids.ts";
import { indexDeploysHandbook } from "#test/fixtures/deploys-handbook.ts";
import { captureLogger, sampleQuestion } from "#test/helpers/queue-test-kit.ts";
import { recordingPlatform } from "#test/helpers/recording-platform.ts";
import { silentLogger } from "#test/helpers/silent-logger.ts";
import { makeTempDir } from "#test/helpers/temp-dir.ts";
import { type TestDatabaseLocation, testDatabaseBackends } from "#test/helpers/test-database-backends.ts";
import { type LangfuseStandIn, startLangfuseStandIn } from "#test/stand-ins/langfuse/langfuse-server.ts";
import { closedPortHost } from "#test/stand-ins/ollama/closed-port-host.ts";
import { type OllamaStandIn, startOllamaStandIn } from "#test/stand-ins/ollama-server.ts";
import { type PostHogStandIn, startPostHogStandIn } from "#test/stand-ins/posthog/posthog-server.ts";
import { createAnswerJob } from "./answer-job.ts";
import type { AnswerDependencies } from "./answer-question.ts";

const keys = { publicKey: "pk-lf-job", secretKey: "sk-lf-job-secret" };
const postHogKey = "phc_job_project_key";
const questionText = "How do we deploy the billing service?";
const backend = testDatabaseBackends.find((candidate) => candidate.kind === "postgres");

function jobContext(jobId: string): JobContext {
  return {
    jobId,
    attempt: 1,
    attempts: 3,
    signal: new AbortController().signal,
    updateProgress: async () => {},
  };
}

describe("the answer job on the telemetry seam, against Langfuse and PostHog stand-ins", () => {
  let location: TestDatabaseLocation;
  let database: Database;
  let ollama: OllamaStandIn;
  let langfuse: LangfuseStandIn;
  let posthog: PostHogStandIn;
  let temp: Awaited<ReturnType<typeof makeTempDir>>;
  let store: VectorStore;
  let telemetry: Telemetry;
  const captured = captureLogger();
  const slack = recordingPlatform("slack");
  let answerDependencies: AnswerDependencies;
  let questionId = "";
  let answerText = "";

  beforeAll(async () => {
    if (!backend) throw new Error("postgres backend missing");
    location = await backend.createLocation();
    database = await location.open();
    [ollama, langfuse, posthog] = await Promise.all([
      startOllamaStandIn(),
      startLangfuseStandIn(keys),
      startPostHogStandIn(),
    ]);
    temp = await makeTempDir();
    store = createLanceDbStore({ directory: join(temp.path, "lancedb"), dimensions: 256 });
    const embedder = createOllamaEmbedder({ host: ollama.host, dimensions: 256 });
    await indexDeploysHandbook({ database, store, embedder, logger: silentLogger() });
    telemetry = combineTelemetry(
      createLangfuseTelemetry({ ...keys, baseUrl: langfuse.baseUrl }),
      createPostHogTelemetry(createPostHogClient({ apiKey: postHogKey, host: posthog.host, flushAt: 1 })),
    );
    answerDependencies = {
      store,
      embedder,
      chatModel: createOllamaChatModel({ host: ollama.host }),
      logger: captured.logger,
      settings: { chatModel: "gemma4:e4b", fallbackChatModel: "gemma4:e2b", timeoutMs: 5_000, topK: 4 },
    };
    const job = createAnswerJob({
      database,
      platforms: { slack: slack.platform },
      logger: captured.logger,
      answer: { ...answerDependencies, telemetry },
    });
    await job(questionPayloadSchema.parse(sampleQuestion({ text: questionText })), jobContext("job-1"));
    const finish = slack.calls.find((call) => call.kind === "finish");
    questionId = finish?.target?.questionId ?? "";
    answerText = finish?.reply?.text ?? "";
  });

  afterAll(async () => {
    await telemetry?.shutdown();
    await store?.close();
    await database?.close();
    await location?.destroy();
    await Promise.all([ollama?.stop(), langfuse?.stop(), posthog?.stop()]);
    await temp?.remove();
  });

  it("leaves one Langfuse trace with a retrieval and a generation observation", async () => {
    expect(await getAnswer(database.db, questionId)).toMatchObject({ mode: "generated" });
    await langfuse.waitForSpans(3);
    expect(new Set(langfuse.spans.map((span) => span.traceId))).toEqual(new Set([traceIdOf(questionId)]));
    const types = langfuse.spans.map((span) => span.attributes["langfuse.observation.type"]);
    expect(types).toEqual(expect.arrayContaining(["retriever", "generation"]));
    const generation = langfuse.spans.find((span) => span.name === "generation");
    expect(generation?.attributes["langfuse.observation.model.name"]).toBe("gemma4:e4b");
    const root = langfuse.spans.find((span) => span.name === "question");
    expect(root?.attributes["user.id"]).toMatch(/^[0-9a-f]{24}$/);
    expect(root?.attributes["user.id"]).not.toBe("U0456");
    // Text only in the trace's and observations' input and output: never in metadata, names or ids.
    const textFields = /^langfuse\.(trace|observation)\.(input|output)$/;
    for (const span of langfuse.spans) {
      for (const [key, value] of Object.entries(span.attributes)) {
        if (textFields.test(key)) continue;
        expect(`${key}=${JSON.stringify(value)}`).not.toContain("deploy the billing");
        expect(JSON.stringify(value)).not.toContain(answerText.slice(0, 40));
      }
    }
  });

  it("turns a 👍 into a boolean score on that trace; a second click updates the same score", async () => {
    const review = createReviewService({
      database: database.db,
      approvers: { isApprover: async () => false },
      telemetry,
    });
    const request = { questionId, workspaceId: "acme", reviewer: { platform: "slack", userId: "U0999" } };
    await review.vote({ ...request, value: "up" });
    await telemetry.flush();
    await review.vote({ ...request, value: "down" });
    await telemetry.flush();
    await langfuse.waitForScoreEvents(2);
    const [first, second] = langfuse.scoreEvents;
    expect(first).toMatchObject({ traceId: traceIdOf(questionId), dataType: "BOOLEAN", value: 1 });
    expect(second).toMatchObject({ id: first?.id, value: 0 });
    expect(langfuse.scores()).toHaveLength(1);
  });

  it("sends PostHog question_asked and answer_posted with the workspace group and no message text", async () => {
    await telemetry.flush();
    await posthog.waitForEvents(2);
    const asked = posthog.events.find((event) => event.event === "question_asked");
    const posted = posthog.events.find((event) => event.event === "answer_posted");
    expect(asked?.properties.$groups).toEqual({ workspace: "acme" });
    expect(posted?.properties).toMatchObject({ mode: "generated", question_id: questionId });
    expect(typeof posted?.properties.latency_ms).toBe("number");
    expect(answerText.length).toBeGreaterThan(20);
    const sent = posthog.bodies.join("\n");
    expect(sent).not.toContain(questionText);
    expect(sent).not.toContain(answerText);
    expect(sent).not.toContain("U0456");
    expect(sent).not.toContain(keys.secretKey);
    // Langfuse gets the text only as the trace's input and output, never a key.
    expect(langfuse.bodies.join("\n")).not.toContain(postHogKey);
  });

  it("shows a fallback as two generations: the failed primary (ERROR, its code) and the fallback model", async () => {
    const job = createAnswerJob({
      database,
      platforms: { slack: slack.platform },
      logger: silentLogger(),
      answer: { ...answerDependencies, telemetry },
    });
    const spansBefore = langfuse.spans.length;
    ollama.failChat("gemma4:e4b", 500);
    try {
      await job(
        questionPayloadSchema.parse(sampleQuestion({ text: "Who approves a deploy?", userId: "U0888" })),
        jobContext("job-fallback"),
      );
    } finally {
      ollama.failChat("gemma4:e4b", null);
    }
    const fallbackQuestion = slack.calls.filter((call) => call.kind === "finish").at(-1)?.target?.questionId;
    expect(fallbackQuestion).toBeDefined();
    // The question's root, its retrieval and two generations.
    await langfuse.waitForSpans(spansBefore + 4);
    const generations = langfuse.spans
      .filter((span) => span.traceId === traceIdOf(fallbackQuestion ?? "") && span.name === "generation")
      .map((span) => ({
        model: span.attributes["langfuse.observation.model.name"],
        level: span.attributes["langfuse.observation.level"],
        fallback: span.attributes["langfuse.observation.metadata.fallback"],
        outcome: span.attributes["langfuse.observation.metadata.outcome"],
      }));
    expect(generations).toHaveLength(2);
    const [primary, fallback] = generations;
    expect(primary).toMatchObject({ model: "gemma4:e4b", level: "ERROR", fallback: "false" });
    expect(primary?.outcome).not.toBe("ok");
    expect(fallback).toMatchObject({ model: "gemma4:e2b", fallback: "true", outcome: "ok" });
    expect(fallback?.level).not.toBe("ERROR");
  });

  it("answers as before when Langfuse and PostHog are down (closed ports)", async () => {
    const down = await closedPortHost();
    const offline = combineTelemetry(
      createLangfuseTelemetry({ ...keys, baseUrl: down }),
      createPostHogTelemetry(createPostHogClient({ apiKey: postHogKey, host: down, maxQueueSize: 10 })),
    );
    const job = createAnswerJob({
      database,
      platforms: { slack: slack.platform },
      logger: silentLogger(),
      answer: { ...answerDependencies, telemetry: offline },
    });
    const before = slack.calls.filter((call) => call.kind === "finish").length;
    await job(
      questionPayloadSchema.parse(sampleQuestion({ text: "How do we roll back a deploy?", userId: "U0777" })),
      jobContext("job-down"),
    );
    const finishes = slack.calls.filter((call) => call.kind === "finish");
    expect(finishes).toHaveLength(before + 1);
    expect(await getAnswer(database.db, finishes.at(-1)?.target?.questionId ?? "")).toBeDefined();
    await offline.shutdown();
  });

  it("logs no message text at info level", () => {
    const info = captured.lines.filter((line) => line.level >= 30).map((line) => JSON.stringify(line));
    for (const line of info) {
      expect(line).not.toContain(questionText);
      expect(line).not.toContain(answerText);
    }
  });
});
