import { Queue } from "bullmq";
import type { Redis } from "ioredis";
import { type QueueName, queueNames } from "#shared/queue/job-catalog.ts";
import type { SabioMetrics } from "./sabio-metrics.ts";
import { withinTime } from "./within-time.ts";

export interface QueueMetricsOptions {
  /** A fail-fast (producer) connection, opened at the first scrape: commands reject at once while Redis is down. */
  connection(): Redis;
  prefix: string;
  metrics: SabioMetrics;
  /** How long one refresh may take before the queue series are dropped for this scrape. */
  timeoutMs?: number;
  /** Clock in ms, for the oldest job's age. */
  now?: () => number;
}

/**
 * How many prioritized jobs (those next to start) are read for the oldest one. Fair priorities
 * (fair-priority.ts) put each workspace's oldest job at the lowest level, so the oldest is among
 * the first few; reading the whole set would cost a scrape O(backlog).
 */
const prioritizedSample = 50;

/**
 * Reads queue depth and the oldest waiting job of every queue in the catalog from Redis, when
 * Prometheus scrapes. Redis down or slow: the queue series are left out of that scrape (an
 * `absent()` alert and /healthz say why) instead of showing stale numbers or hanging.
 */
export function createQueueMetrics(options: QueueMetricsOptions): {
  refresh(): Promise<void>;
  close(): Promise<void>;
} {
  const { metrics, prefix } = options;
  const timeoutMs = options.timeoutMs ?? 2_000;
  const now = options.now ?? Date.now;
  const queues = new Map<QueueName, Queue>();
  const queueOf = (name: QueueName) => {
    let queue = queues.get(name);
    if (!queue) {
      queue = new Queue(name, { connection: options.connection(), prefix });
      // A Redis outage shows as missing series and a failing /healthz; the connection logs it once.
      queue.on("error", () => {});
      queues.set(name, queue);
    }
    return queue;
  };

  const read = async (name: QueueName) => {
    const queue = queueOf(name);
    const [counts, ids] = await Promise.all([
      queue.getJobCounts("waiting", "prioritized", "delayed", "active"),
      Promise.all([
        queue.getRanges(["wait"], 0, 0, true),
        queue.getRanges(["prioritized"], 0, prioritizedSample - 1, true),
      ]).then((lists) => lists.flat()),
    ]);
    const depth = Object.values(counts).reduce((sum, count) => sum + count, 0);
    let oldest: number | undefined;
    if (ids.length > 0) {
      // Only each job's `timestamp` field: a job hash holds up to 16 KB of payload.
      const pipeline = options.connection().pipeline();
      for (const id of ids) pipeline.hget(queue.toKey(id), "timestamp");
      for (const [, value] of (await pipeline.exec()) ?? []) {
        const timestamp = Number(value);
        if (value !== null && Number.isFinite(timestamp)) oldest = Math.min(oldest ?? timestamp, timestamp);
      }
    }
    return { name, depth, oldestAgeSeconds: oldest === undefined ? 0 : Math.max(0, (now() - oldest) / 1000) };
  };

  const refresh = async () => {
    const readings = await withinTime(Promise.all(queueNames.map(read)), timeoutMs, "redis").catch(() => []);
    metrics.queueDepth.reset();
    metrics.queueOldestWaiting.reset();
    for (const reading of readings) {
      metrics.queueDepth.set({ queue: reading.name }, reading.depth);
      metrics.queueOldestWaiting.set({ queue: reading.name }, reading.oldestAgeSeconds);
    }
  };
  // Scrapes at the same moment (two Prometheus servers) share one read of Redis.
  let inFlight: Promise<void> | undefined;
  return {
    refresh() {
      inFlight ??= refresh().finally(() => {
        inFlight = undefined;
      });
      return inFlight;
    },
    async close() {
      await Promise.all([...queues.values()].map((queue) => queue.close()));
    },
  };
}
