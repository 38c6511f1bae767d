import { randomUUID } from "node:crypto";
import { loadDotEnv, parseEnv } from "../shared/config/load-env.ts";
import { createLogger } from "../shared/log/logger.ts";
import { createProducer } from "../shared/queue/enqueue.ts";
import { closeRedisConnection, createRedisConnection } from "../shared/queue/redis-connection.ts";
import { removeQueues } from "../shared/queue/remove-queues.ts";
import { runWorker } from "../shared/queue/run-worker.ts";

/**
 * Queue latency: from a bot calling `enqueue` for a question (validation, dedupe and the Redis
 * round trip included) to the worker's processor starting on it. Closed loop: `concurrency`
 * clients each enqueue a question, wait until it has been processed, and enqueue the next, against
 * a worker with the same concurrency; so the figure is queue overhead, never backlog.
 * Target: p50 ≤ 5 ms on the machine that runs Redis.
 */

export interface QueueLatencyOptions {
  redisUrl: string;
  /** Measured jobs. */
  jobs?: number;
  /** Worker concurrency and questions in flight; 1 = one at a time. */
  concurrency?: number;
  /** Jobs run first and not measured (connections, script loading, JIT). */
  warmup?: number;
}

export interface QueueLatencyResult {
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  n: number;
  jobsPerSecond: number;
}

export async function runQueueLatencyBench(options: QueueLatencyOptions): Promise<QueueLatencyResult> {
  const jobs = options.jobs ?? 2_000;
  const concurrency = options.concurrency ?? 1;
  const warmup = options.warmup ?? 100;
  const logger = createLogger({ level: "warn" });
  const prefix = `sabio-bench-${randomUUID().slice(0, 8)}`;
  const workerConnection = createRedisConnection(options.redisUrl, { role: "worker", logger });
  const producerConnection = createRedisConnection(options.redisUrl, { role: "producer", logger });
  const producer = createProducer(producerConnection, { prefix });

  /** Per event id: when its processor started, and who waits for the job to complete. */
  const startedAt = new Map<string, number>();
  const waiters = new Map<string, () => void>();
  const worker = runWorker(
    "questions",
    async (question) => {
      startedAt.set(question.eventId, performance.now());
    },
    { connection: workerConnection, logger, prefix, concurrency },
  );
  worker.worker.on("completed", (job) => {
    const eventId = (job.data as { eventId: string }).eventId;
    waiters.get(eventId)?.();
  });

  const samples: number[] = [];
  let next = 0;
  const total = warmup + jobs;
  async function client(): Promise<void> {
    while (next < total) {
      const index = next++;
      const eventId = `bench-${index}`;
      const completed = new Promise<void>((resolve) => waiters.set(eventId, resolve));
      const enqueuedAt = performance.now();
      await producer.enqueue("questions", {
        workspaceId: "bench",
        platform: "slack",
        eventId,
        channelId: "C0BENCH",
        userId: "U0BENCH",
        text: "How do we rotate the database credentials?",
        receivedAt: new Date().toISOString(),
      });
      await completed;
      waiters.delete(eventId);
      const started = startedAt.get(eventId) ?? Number.NaN;
      startedAt.delete(eventId);
      if (index >= warmup) samples.push(started - enqueuedAt);
    }
  }

  try {
    await worker.ready();
    const began = performance.now();
    await Promise.all(Array.from({ length: concurrency }, client));
    const seconds = (performance.now() - began) / 1000;
    samples.sort((a, b) => a - b);
    return {
      p50Ms: percentile(samples, 0.5),
      p99Ms: percentile(samples, 0.99),
      maxMs: samples.at(-1) ?? Number.NaN,
      n: samples.length,
      jobsPerSecond: total / seconds,
    };
  } finally {
    await worker.close();
    await producer.close();
    await removeQueues(producerConnection, prefix);
    await Promise.all([closeRedisConnection(workerConnection), closeRedisConnection(producerConnection)]);
  }
}

/** Nearest-rank percentile of sorted values. */
function percentile(sorted: number[], fraction: number): number {
  const rank = Math.max(0, Math.ceil(fraction * sorted.length) - 1);
  return sorted[rank] ?? Number.NaN;
}

function formatTable(rows: Array<{ mode: string; result: QueueLatencyResult }>): string {
  const header = `${"mode".padEnd(16)} ${"n".padStart(6)} ${"p50 ms".padStart(8)} ${"p99 ms".padStart(8)} ${"max ms".padStart(8)} ${"jobs/s".padStart(8)}`;
  const lines = rows.map(
    ({ mode, result }) =>
      `${mode.padEnd(16)} ${String(result.n).padStart(6)} ${result.p50Ms.toFixed(2).padStart(8)} ` +
      `${result.p99Ms.toFixed(2).padStart(8)} ${result.maxMs.toFixed(2).padStart(8)} ${result.jobsPerSecond.toFixed(0).padStart(8)}`,
  );
  return [
    "queue latency: enqueue → processor start (questions queue)",
    header,
    ...lines,
    "target: p50 ≤ 5 ms",
  ].join("\n");
}

if (import.meta.main) {
  loadDotEnv();
  const env = parseEnv(process.env);
  const rows: Array<{ mode: string; result: QueueLatencyResult }> = [];
  for (const concurrency of [1, 2, 16]) {
    const result = await runQueueLatencyBench({ redisUrl: env.REDIS_URL, concurrency });
    rows.push({ mode: concurrency === 1 ? "one at a time" : `concurrency ${concurrency}`, result });
  }
  console.log(formatTable(rows));
}
