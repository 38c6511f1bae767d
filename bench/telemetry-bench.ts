import { combineTelemetry } from "../shared/telemetry/combine-telemetry.ts";
import { flushWithin } from "../shared/telemetry/flush-within.ts";
import { createLangfuseTelemetry } from "../shared/telemetry/langfuse/langfuse-telemetry.ts";
import { createPostHogClient } from "../shared/telemetry/posthog/posthog-client.ts";
import { createPostHogTelemetry } from "../shared/telemetry/posthog/posthog-telemetry.ts";
import { noTelemetry, type Telemetry } from "../shared/telemetry/telemetry.ts";
import { startLangfuseStandIn } from "../test/stand-ins/langfuse/langfuse-server.ts";
import { startPostHogStandIn } from "../test/stand-ins/posthog/posthog-server.ts";
import { percentile } from "./bench-workspace.ts";

export interface TelemetryBenchResult {
  answers: number;
  /** Per answer, ms: the seam calls made before the reply is posted (what an asker could feel). */
  inline: { off: number[]; on: number[] };
  /** Per answer, ms: the flush at the job's end, after the reply (what the worker waits). */
  flush: { off: number[]; on: number[] };
  spans: number;
  events: number;
}

const keys = { publicKey: "pk-lf-bench", secretKey: "sk-lf-bench" };
const answerText = "Deploys go out with the release script after the checks pass [1][2]. ".repeat(6);

/**
 * Telemetry overhead per answer, tracing (Langfuse) and analytics (PostHog) on against local
 * stand-ins versus off, interleaved in the same run: the seam calls of one answered question
 * (asked, retrieval of 8 passages, a failed primary and a fallback attempt, posted) and the job's
 * bounded flush. The model and search themselves are left out: they are the same either way.
 */
export async function runTelemetryBench(answers = 500): Promise<TelemetryBenchResult> {
  const [langfuse, posthog] = await Promise.all([startLangfuseStandIn(keys), startPostHogStandIn()]);
  const on = combineTelemetry(
    createLangfuseTelemetry({ ...keys, baseUrl: langfuse.baseUrl }),
    createPostHogTelemetry(createPostHogClient({ apiKey: "phc_bench", host: posthog.host })),
  );
  const result: TelemetryBenchResult = {
    answers,
    inline: { off: [], on: [] },
    flush: { off: [], on: [] },
    spans: 0,
    events: 0,
  };
  try {
    for (let index = 0; index < answers; index += 1) {
      for (const [name, telemetry] of [
        ["off", noTelemetry],
        ["on", on],
      ] as const) {
        const timings = await oneAnswer(telemetry, `bench-${name}-${index}`);
        result.inline[name].push(timings.inlineMs);
        result.flush[name].push(timings.flushMs);
      }
    }
    await on.shutdown();
    result.spans = langfuse.spans.length;
    result.events = posthog.events.length;
  } finally {
    await Promise.all([langfuse.stop(), posthog.stop()]);
  }
  return result;
}

async function oneAnswer(
  telemetry: Telemetry,
  questionId: string,
): Promise<{ inlineMs: number; flushMs: number }> {
  const ref = { workspaceId: "bench", questionId, platform: "slack" };
  const started = performance.now();
  telemetry.questionAsked({
    ...ref,
    userHash: "0123456789abcdef01234567",
    question: "How do we deploy?",
    questionLength: 17,
  });
  telemetry.retrieval({
    ...ref,
    query: "How do we deploy?",
    results: Array.from({ length: 8 }, (_, rank) => ({
      chunkId: `c${rank}`,
      documentId: `d${rank}`,
      score: 1 / (rank + 1),
    })),
    dense: true,
    durationMs: 12,
  });
  for (const [model, outcome, fallback] of [
    ["primary", "timeout", false],
    ["fallback", "ok", true],
  ] as const) {
    telemetry.modelAttempt({
      ...ref,
      model,
      outcome,
      fallback,
      startedAt: new Date(),
      durationMs: 900,
      timeToFirstTokenMs: 200,
      promptTokens: 1_200,
      completionTokens: 150,
    });
  }
  telemetry.answerPosted({
    ...ref,
    mode: "generated",
    latencyMs: 1_900,
    answerLength: answerText.length,
    sourceCount: 2,
    answer: answerText,
  });
  const posted = performance.now();
  await flushWithin(telemetry, 2_000);
  return { inlineMs: posted - started, flushMs: performance.now() - posted };
}

export function formatTelemetryBench(result: TelemetryBenchResult): string {
  const row = (label: string, samples: number[]) =>
    `  ${label.padEnd(28)} p50 ${percentile(samples, 0.5).toFixed(3)} ms, p99 ${percentile(samples, 0.99).toFixed(3)} ms, mean ${(samples.reduce((sum, value) => sum + value, 0) / samples.length).toFixed(3)} ms`;
  return [
    `Telemetry overhead per answer (${result.answers} answers each way, interleaved; Langfuse + PostHog stand-ins on localhost)`,
    row("seam calls, off", result.inline.off),
    row("seam calls, on", result.inline.on),
    row("job-end flush, off", result.flush.off),
    row("job-end flush, on", result.flush.on),
    `  received: ${result.spans} spans, ${result.events} PostHog events`,
  ].join("\n");
}
