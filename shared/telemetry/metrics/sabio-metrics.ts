import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from "prom-client";

/**
 * Every Prometheus series one `sabio start` process exposes, on its own registry (not prom-client's
 * global one, so tests and several processes' worth of roles never share state).
 *
 * Labels are bounded on purpose: outcome, model, queue, connection, kind, Stripe event type. No
 * workspace label: a hosted Sabio serves any number of workspaces and each histogram multiplies
 * its buckets by them; per-workspace numbers live in PostHog and Langfuse instead. Connections are
 * few per deployment (an admin creates each), so sync series keep them.
 */
export interface SabioMetrics {
  registry: Registry;
  questions: Counter<"outcome">;
  answerLatency: Histogram;
  timeToFirstToken: Histogram<"model">;
  tokensPerSecond: Histogram<"model">;
  modelAttempts: Counter<"model" | "outcome">;
  syncDuration: Histogram<"connection" | "kind">;
  syncErrors: Counter<"connection" | "kind">;
  stripeWebhooks: Counter<"type" | "outcome">;
  queueDepth: Gauge<"queue">;
  queueOldestWaiting: Gauge<"queue">;
}

export function createSabioMetrics(): SabioMetrics {
  const registry = new Registry();
  // Unprefixed (process_*, nodejs_*) so the stock Node.js Grafana dashboards work as they are.
  collectDefaultMetrics({ register: registry });
  const registers = [registry];
  const metrics: SabioMetrics = {
    registry,
    questions: new Counter({
      name: "sabio_questions_total",
      help: "Questions answered, by how: generated, extractive, approved, refused, failed.",
      labelNames: ["outcome"],
      registers,
    }),
    answerLatency: new Histogram({
      name: "sabio_answer_latency_seconds",
      help: "From a question's arrival to its finished reply.",
      buckets: [0.25, 0.5, 1, 2, 3, 5, 8, 13, 20, 30, 60, 120],
      registers,
    }),
    timeToFirstToken: new Histogram({
      name: "sabio_time_to_first_token_seconds",
      help: "From a model call's start to its first streamed token.",
      labelNames: ["model"],
      buckets: [0.1, 0.25, 0.5, 1, 2, 4, 8, 15, 30],
      registers,
    }),
    tokensPerSecond: new Histogram({
      name: "sabio_model_tokens_per_second",
      help: "Completion tokens per second of generation (after the first token), per successful model call.",
      labelNames: ["model"],
      buckets: [1, 2, 5, 10, 20, 40, 80, 160, 320],
      registers,
    }),
    modelAttempts: new Counter({
      name: "sabio_model_attempts_total",
      help: 'Model calls by model and outcome ("ok" or the error code).',
      labelNames: ["model", "outcome"],
      registers,
    }),
    syncDuration: new Histogram({
      name: "sabio_sync_duration_seconds",
      help: "How long one source sync ran, per connection and source kind.",
      labelNames: ["connection", "kind"],
      buckets: [1, 5, 15, 30, 60, 120, 300, 600, 1800, 3600],
      registers,
    }),
    syncErrors: new Counter({
      name: "sabio_sync_errors_total",
      help: "Syncs that ended in error or needing re-authorisation, per connection and source kind.",
      labelNames: ["connection", "kind"],
      registers,
    }),
    stripeWebhooks: new Counter({
      name: "sabio_stripe_webhooks_total",
      help: "Stripe webhook deliveries by event type and outcome (applied, duplicate, stale, ignored, rejected, failed).",
      labelNames: ["type", "outcome"],
      registers,
    }),
    queueDepth: new Gauge({
      name: "sabio_queue_depth",
      help: "Jobs waiting, prioritized, delayed or running, per queue (read from Redis at scrape).",
      labelNames: ["queue"],
      registers,
    }),
    queueOldestWaiting: new Gauge({
      name: "sabio_queue_oldest_waiting_seconds",
      help: "Age of the oldest job waiting to start, per queue (0 when none waits).",
      labelNames: ["queue"],
      registers,
    }),
  };
  // Every outcome exists from the start at 0, so rate() and alerts work before the first of each.
  for (const outcome of questionOutcomes) metrics.questions.inc({ outcome }, 0);
  return metrics;
}

export const questionOutcomes = ["generated", "extractive", "approved", "refused", "failed"] as const;
