import type { Telemetry } from "../telemetry.ts";
import type { SabioMetrics } from "./sabio-metrics.ts";

/**
 * The Prometheus observer on the telemetry seam: counts and timings only, text fields dropped.
 * Updating a prom-client series is synchronous and in memory, so nothing here can block an answer.
 */
export function metricsTelemetry(metrics: SabioMetrics): Telemetry {
  return {
    questionAsked() {},
    retrieval() {},
    modelAttempt(event) {
      const model = event.model;
      metrics.modelAttempts.inc({ model, outcome: event.outcome });
      if (event.outcome !== "ok") return;
      if (event.timeToFirstTokenMs !== undefined) {
        metrics.timeToFirstToken.observe({ model }, event.timeToFirstTokenMs / 1000);
      }
      // Generation speed: the tokens over the time spent producing them, after the first arrived.
      const generatingMs = event.durationMs - (event.timeToFirstTokenMs ?? 0);
      if (event.completionTokens !== undefined && event.completionTokens > 0 && generatingMs > 0) {
        metrics.tokensPerSecond.observe({ model }, event.completionTokens / (generatingMs / 1000));
      }
    },
    answerPosted(event) {
      metrics.questions.inc({ outcome: event.mode });
      metrics.answerLatency.observe(event.latencyMs / 1000);
    },
    answerFailed(event) {
      metrics.questions.inc({ outcome: "failed" });
      metrics.answerLatency.observe(event.latencyMs / 1000);
    },
    feedbackGiven() {},
    answerApproved() {},
    sourceConnected() {},
    syncFinished(event) {
      const labels = { connection: event.connectionId, kind: event.kind };
      metrics.syncDuration.observe(labels, event.durationMs / 1000);
      if (event.state !== "ok") metrics.syncErrors.inc(labels);
    },
    billingStatusChanged() {},
    stripeWebhook(event) {
      // A rejected delivery's type comes from an unverified body: anyone could mint new labels.
      const type = event.outcome === "rejected" ? "unverified" : event.type;
      metrics.stripeWebhooks.inc({ type, outcome: event.outcome });
    },
    async flush() {},
    async shutdown() {},
  };
}
