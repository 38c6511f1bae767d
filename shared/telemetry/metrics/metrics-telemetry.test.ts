import { describe, expect, it } from "vitest";
import { parsePrometheusText, sampleValue } from "#test/helpers/prometheus-text.ts";
import { metricsTelemetry } from "./metrics-telemetry.ts";
import { createSabioMetrics } from "./sabio-metrics.ts";

const question = { workspaceId: "acme", questionId: "q1", platform: "slack" };

async function scrape(metrics: ReturnType<typeof createSabioMetrics>) {
  return parsePrometheusText(await metrics.registry.metrics());
}

describe("metricsTelemetry", () => {
  it("counts answers by mode and times them, without any text, user or workspace in the output", async () => {
    const metrics = createSabioMetrics();
    const telemetry = metricsTelemetry(metrics);
    telemetry.questionAsked({
      ...question,
      userHash: "h-U0456",
      question: "Where is the secret vault?",
      questionLength: 26,
    });
    telemetry.answerPosted({
      ...question,
      mode: "generated",
      latencyMs: 1_500,
      answerLength: 10,
      sourceCount: 1,
      answer: "Level minus two",
    });
    telemetry.answerPosted({
      ...question,
      mode: "refused",
      latencyMs: 100,
      answerLength: 5,
      sourceCount: 0,
      answer: "Sorry",
    });
    const text = await metrics.registry.metrics();
    const samples = parsePrometheusText(text);
    expect(sampleValue(samples, "sabio_questions_total", { outcome: "generated" })).toBe(1);
    expect(sampleValue(samples, "sabio_questions_total", { outcome: "refused" })).toBe(1);
    // Every outcome exists from the start, so rate() and alerts work before the first failure.
    expect(sampleValue(samples, "sabio_questions_total", { outcome: "failed" })).toBe(0);
    expect(sampleValue(samples, "sabio_answer_latency_seconds_count")).toBe(2);
    expect(sampleValue(samples, "sabio_answer_latency_seconds_sum")).toBeCloseTo(1.6);
    expect(sampleValue(samples, "sabio_answer_latency_seconds_bucket", { le: "1" })).toBe(1);
    for (const secret of ["secret vault", "Level minus two", "U0456", "acme", "q1"])
      expect(text).not.toContain(secret);
  });

  it("counts a question the job gave up on as failed", async () => {
    const metrics = createSabioMetrics();
    metricsTelemetry(metrics).answerFailed({ ...question, errorCode: "unavailable", latencyMs: 2_000 });
    const samples = await scrape(metrics);
    expect(sampleValue(samples, "sabio_questions_total", { outcome: "failed" })).toBe(1);
    expect(sampleValue(samples, "sabio_answer_latency_seconds_count")).toBe(1);
  });

  it("records time to first token and generation speed per model for successful attempts only", async () => {
    const metrics = createSabioMetrics();
    const telemetry = metricsTelemetry(metrics);
    const attempt = { ...question, fallback: false, startedAt: new Date(0) };
    // 100 tokens in the 2 s after the first one: 50 tokens/s.
    telemetry.modelAttempt({
      ...attempt,
      model: "qwen3:8b",
      outcome: "ok",
      durationMs: 2_500,
      timeToFirstTokenMs: 500,
      completionTokens: 100,
    });
    telemetry.modelAttempt({
      ...attempt,
      model: "qwen3:8b",
      outcome: "model_unavailable",
      durationMs: 10,
      fallback: true,
    });
    const samples = await scrape(metrics);
    expect(sampleValue(samples, "sabio_time_to_first_token_seconds_sum", { model: "qwen3:8b" })).toBe(0.5);
    expect(sampleValue(samples, "sabio_model_tokens_per_second_sum", { model: "qwen3:8b" })).toBe(50);
    expect(sampleValue(samples, "sabio_model_tokens_per_second_count", { model: "qwen3:8b" })).toBe(1);
    expect(sampleValue(samples, "sabio_model_attempts_total", { model: "qwen3:8b", outcome: "ok" })).toBe(1);
    expect(
      sampleValue(samples, "sabio_model_attempts_total", { model: "qwen3:8b", outcome: "model_unavailable" }),
    ).toBe(1);
  });

  it("times syncs and counts failed ones per connection, and Stripe webhooks by type and outcome", async () => {
    const metrics = createSabioMetrics();
    const telemetry = metricsTelemetry(metrics);
    const sync = {
      workspaceId: "acme",
      kind: "notion",
      connectionId: "conn-1",
      mode: "incremental" as const,
      documents: 3,
      failed: 0,
    };
    telemetry.syncFinished({ ...sync, state: "ok", durationMs: 4_000 });
    telemetry.syncFinished({ ...sync, state: "error", durationMs: 1_000 });
    telemetry.stripeWebhook({ type: "invoice.paid", outcome: "applied" });
    telemetry.stripeWebhook({ type: "invoice.paid", outcome: "duplicate" });
    telemetry.stripeWebhook({ type: "made.up.by.anyone", outcome: "rejected" });
    const samples = await scrape(metrics);
    const labels = { connection: "conn-1", kind: "notion" };
    expect(sampleValue(samples, "sabio_sync_duration_seconds_count", labels)).toBe(2);
    expect(sampleValue(samples, "sabio_sync_duration_seconds_sum", labels)).toBe(5);
    expect(sampleValue(samples, "sabio_sync_errors_total", labels)).toBe(1);
    expect(
      sampleValue(samples, "sabio_stripe_webhooks_total", { type: "invoice.paid", outcome: "applied" }),
    ).toBe(1);
    expect(
      sampleValue(samples, "sabio_stripe_webhooks_total", { type: "invoice.paid", outcome: "duplicate" }),
    ).toBe(1);
    // An unverified body must not mint label values.
    expect(
      sampleValue(samples, "sabio_stripe_webhooks_total", { type: "unverified", outcome: "rejected" }),
    ).toBe(1);
    expect(samples.some((sample) => sample.labels.type === "made.up.by.anyone")).toBe(false);
  });

  it("includes the Node.js process metrics", async () => {
    const samples = await scrape(createSabioMetrics());
    expect(sampleValue(samples, "process_cpu_user_seconds_total")).toBeGreaterThanOrEqual(0);
    expect(sampleValue(samples, "nodejs_heap_size_used_bytes")).toBeGreaterThan(0);
  });
});
