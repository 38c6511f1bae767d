import { LangfuseClient } from "@langfuse/client";
import { LangfuseSpanProcessor } from "@langfuse/otel";
import { type LangfuseSpan, setLangfuseTracerProvider, startObservation } from "@langfuse/tracing";
import { RandomIdGenerator } from "@opentelemetry/sdk-trace-base";
import { NodeTracerProvider } from "@opentelemetry/sdk-trace-node";
import { errorMessage } from "#shared/errors/app-error.ts";
import type { Logger } from "#shared/log/logger.ts";
import type { QuestionRef, Telemetry } from "../telemetry.ts";
import { noTelemetry } from "../telemetry.ts";
import { approvalScoreId, feedbackScoreId, traceIdOf } from "../trace-ids.ts";
import { openTraces } from "./open-traces.ts";

export interface LangfuseSettings {
  publicKey: string;
  secretKey: string;
  /** LANGFUSE_BASE_URL: cloud or a self-hosted server. */
  baseUrl: string;
  logger?: Logger;
  /** Questions traced at once before the oldest is closed (default 1,000). */
  maxOpenQuestions?: number;
  /** A question not finished by then is closed as it is (default 15 min). */
  maxQuestionMs?: number;
  /** Spans sent per request; 1 sends each span as it ends (tests). */
  flushAt?: number;
}

export interface LangfuseTelemetry extends Telemetry {
  /** Questions whose trace is still open (bounded by maxOpenQuestions). */
  openQuestions(): number;
}

/**
 * Langfuse traces through OpenTelemetry: one trace per question, its id derived from the question
 * id, a `retriever` observation for the search and a `generation` for each model attempt, under a
 * root observation that carries the workspace, platform, hashed user and answer mode. Feedback and
 * approvals are scores on that trace (via @langfuse/client), with ids stable per (question, user).
 * Export failures are the SDK's to log and drop: the span queue (2,048) and score queue are bounded.
 */
export function createLangfuseTelemetry(settings: LangfuseSettings): LangfuseTelemetry {
  const processor = new LangfuseSpanProcessor({
    publicKey: settings.publicKey,
    secretKey: settings.secretKey,
    baseUrl: settings.baseUrl,
    mediaUploadEnabled: false,
    timeout: 5,
    ...(settings.flushAt === undefined ? {} : { flushAt: settings.flushAt }),
  });
  // The root observation takes the question's trace id from here: set just before it starts.
  const random = new RandomIdGenerator();
  let nextTraceId: string | undefined;
  const provider = new NodeTracerProvider({
    spanProcessors: [processor],
    idGenerator: {
      generateTraceId: () => nextTraceId ?? random.generateTraceId(),
      generateSpanId: () => random.generateSpanId(),
    },
  });
  // Registered: the async context manager is what keeps child observations in the parent's trace.
  provider.register();
  setLangfuseTracerProvider(provider);
  const client = new LangfuseClient({
    publicKey: settings.publicKey,
    secretKey: settings.secretKey,
    baseUrl: settings.baseUrl,
  });
  const traces = openTraces<LangfuseSpan>({
    limit: settings.maxOpenQuestions ?? 1_000,
    maxAgeMs: settings.maxQuestionMs ?? 15 * 60_000,
    onDrop: (root) =>
      root.update({ level: "WARNING", statusMessage: "closed before an answer was posted" }).end(),
  });
  const guard =
    <Event>(name: string, handle: (event: Event) => void) =>
    (event: Event) => {
      try {
        // Observations start on this instance's provider even if another was made later (tests, the bench).
        setLangfuseTracerProvider(provider);
        handle(event);
      } catch (error) {
        settings.logger?.warn(
          { err: errorMessage(error), event: name },
          "langfuse: could not record an event",
        );
      }
    };

  function rootOf(ref: QuestionRef, input?: string, userHash?: string | null): LangfuseSpan {
    const known = traces.get(ref.questionId);
    if (known) return known;
    nextTraceId = traceIdOf(ref.questionId);
    let root: LangfuseSpan;
    try {
      root = startObservation("question", {
        ...(input === undefined ? {} : { input }),
        metadata: { questionId: ref.questionId },
      });
    } finally {
      nextTraceId = undefined;
    }
    root.otelSpan.setAttributes({
      "langfuse.trace.name": "question",
      "langfuse.trace.metadata.workspace_id": ref.workspaceId,
      "langfuse.trace.metadata.platform": ref.platform,
      "langfuse.trace.metadata.question_id": ref.questionId,
      ...(input === undefined ? {} : { "langfuse.trace.input": JSON.stringify(input) }),
      ...(userHash ? { "user.id": userHash } : {}),
    });
    traces.open(ref.questionId, root);
    return root;
  }

  let stopped: Promise<void> | undefined;
  const flush = async () => {
    await Promise.allSettled([provider.forceFlush(), client.flush()]);
  };
  return {
    ...noTelemetry,
    questionAsked: guard("questionAsked", (event) => {
      rootOf(event, event.question, event.userHash);
    }),
    retrieval: guard("retrieval", (event) => {
      const ended = new Date();
      startObservation(
        "retrieval",
        {
          input: { query: event.query },
          output: event.results.map((result) => ({
            chunkId: result.chunkId,
            documentId: result.documentId,
            score: result.score,
          })),
          metadata: { dense: event.dense, durationMs: event.durationMs, results: event.results.length },
        },
        {
          asType: "retriever",
          startTime: new Date(ended.getTime() - event.durationMs),
          parentSpanContext: rootOf(event).otelSpan.spanContext(),
        },
      ).end(ended);
    }),
    modelAttempt: guard("modelAttempt", (event) => {
      const started = event.startedAt;
      startObservation(
        "generation",
        {
          model: event.model,
          ...(event.promptTokens === undefined && event.completionTokens === undefined
            ? {}
            : { usageDetails: { input: event.promptTokens ?? 0, output: event.completionTokens ?? 0 } }),
          ...(event.timeToFirstTokenMs === undefined
            ? {}
            : { completionStartTime: new Date(started.getTime() + event.timeToFirstTokenMs) }),
          metadata: { fallback: event.fallback, outcome: event.outcome },
          ...(event.outcome === "ok" ? {} : { level: "ERROR" as const, statusMessage: event.outcome }),
        },
        { asType: "generation", startTime: started, parentSpanContext: rootOf(event).otelSpan.spanContext() },
      ).end(new Date(started.getTime() + event.durationMs));
    }),
    answerPosted: guard("answerPosted", (event) => {
      const root = traces.close(event.questionId) ?? rootOf(event);
      traces.close(event.questionId);
      root.otelSpan.setAttributes({
        "langfuse.trace.output": JSON.stringify(event.answer),
        "langfuse.trace.tags": [event.mode],
        "langfuse.trace.metadata.mode": event.mode,
      });
      root
        .update({
          output: event.answer,
          metadata: {
            mode: event.mode,
            latencyMs: event.latencyMs,
            answerLength: event.answerLength,
            sourceCount: event.sourceCount,
          },
        })
        .end();
    }),
    answerFailed: guard("answerFailed", (event) => {
      const root = traces.close(event.questionId) ?? rootOf(event);
      traces.close(event.questionId);
      root
        .update({
          level: "ERROR",
          statusMessage: event.errorCode,
          metadata: { outcome: "failed", errorCode: event.errorCode, latencyMs: event.latencyMs },
        })
        .end();
    }),
    feedbackGiven: guard("feedbackGiven", (event) => {
      client.score.create({
        id: feedbackScoreId(event.questionId, event.userHash),
        traceId: traceIdOf(event.questionId),
        name: "user_feedback",
        value: event.value === "up" ? 1 : 0,
        dataType: "BOOLEAN",
        metadata: { workspaceId: event.workspaceId, platform: event.platform, userHash: event.userHash },
      });
    }),
    answerApproved: guard("answerApproved", (event) => {
      client.score.create({
        id: approvalScoreId(event.questionId),
        traceId: traceIdOf(event.questionId),
        name: "approved",
        value: 1,
        dataType: "BOOLEAN",
        comment: event.corrected ? "corrected and approved" : "approved as it was",
        metadata: { workspaceId: event.workspaceId, platform: event.platform, corrected: event.corrected },
      });
    }),
    flush,
    shutdown() {
      stopped ??= (async () => {
        traces.closeAll();
        await flush();
        await Promise.allSettled([provider.shutdown(), client.shutdown()]);
        setLangfuseTracerProvider(null);
      })();
      return stopped;
    },
    openQuestions: () => traces.size(),
  };
}
