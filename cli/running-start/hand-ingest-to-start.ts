import { Queue, QueueEvents } from "bullmq";
import type { Redis } from "ioredis";
import type { IngestOutcome } from "#connectors/files/ingest-folder-summary.ts";
import type { OnIngestProgress } from "#connectors/files/ingest-progress.ts";
import { AppError, ErrorCode, type ErrorCode as ErrorCodeValue } from "#shared/errors/app-error.ts";
import type { Logger } from "#shared/log/logger.ts";
import { createProducer } from "#shared/queue/enqueue.ts";
import { createRedisConnection } from "#shared/queue/redis-connection.ts";
import type { IngestJobUpdate } from "#workers/ingest/ingest-job.ts";
import { type IngestRequestFields, ingestProof } from "#workers/ingest/ingest-proof.ts";

export interface HandOffSettings {
  redisUrl: string;
  queuePrefix: string;
  logger: Logger;
  /** How long the start may take to pick the job up (it may be busy with another) before giving up. */
  pickUpTimeoutMs?: number;
  /** Whether the start still runs: a start killed mid-ingest must not leave this waiting forever. */
  startIsAlive: () => boolean;
}

/**
 * The running start could not be reached or did not take the job: nothing was ingested, and the
 * command says what to do instead (refuse-while-start-holds-database.ts).
 */
export class HandOffFailed extends Error {}

/**
 * Hands an ingest to the running `sabio start` that holds the embedded database, as a job on its
 * Redis, and waits for the result, relaying its progress. Throws the ingest's own error (e.g. the
 * folder does not exist) as it would have been thrown here, or HandOffFailed.
 */
export async function handIngestToStart(
  settings: HandOffSettings,
  secret: string,
  request: IngestRequestFields,
  onProgress: OnIngestProgress | undefined,
): Promise<IngestOutcome> {
  const { logger } = settings;
  const producerRedis = createRedisConnection(settings.redisUrl, {
    role: "producer",
    logger,
    name: "sabio-ingest",
  });
  const eventsRedis = createRedisConnection(settings.redisUrl, {
    role: "worker",
    logger,
    name: "sabio-ingest-events",
  });
  const producer = createProducer(producerRedis, { prefix: settings.queuePrefix, logger });
  const events = new QueueEvents("ingest", { connection: eventsRedis, prefix: settings.queuePrefix });
  events.on("error", (error) => logger.debug({ err: error.message }, "ingest events error"));
  try {
    // Listening before the job exists, so no event of it can be missed.
    await withTimeout(events.waitUntilReady(), 5_000, "Redis did not answer");
    let jobId: string;
    try {
      jobId = (await producer.enqueue("ingest", { ...request, proof: ingestProof(secret, request) })).jobId;
    } catch (error) {
      throw new HandOffFailed(error instanceof Error ? error.message : String(error));
    }
    return await new Promise<IngestOutcome>((resolve, reject) => {
      let outcome: IngestOutcome | undefined;
      let reported: { code: ErrorCodeValue; message: string; hint: string | null } | undefined;
      const pickUp = setTimeout(() => {
        // Taken back, so a start that wakes up later does not ingest what the person was told it would not.
        clearInterval(watch);
        void removeJob(producerRedis, settings.queuePrefix, jobId).finally(() =>
          reject(new HandOffFailed("it did not take the job within a minute")),
        );
      }, settings.pickUpTimeoutMs ?? 60_000);
      const watch = setInterval(() => {
        if (settings.startIsAlive()) return;
        clearTimeout(pickUp);
        reject(new HandOffFailed("it stopped before the ingest finished; run the ingest again"));
      }, 2_000);
      const settle = () => {
        clearTimeout(pickUp);
        clearInterval(watch);
      };
      events.on("active", ({ jobId: id }) => {
        if (id === jobId) clearTimeout(pickUp);
      });
      events.on("progress", ({ jobId: id, data }) => {
        if (id !== jobId || typeof data !== "object" || data === null) return;
        const update = data as IngestJobUpdate;
        if ("progress" in update) onProgress?.(update.progress);
        else if ("outcome" in update) outcome = update.outcome;
        else reported = { ...update.error, code: update.error.code as ErrorCodeValue };
      });
      events.on("completed", ({ jobId: id }) => {
        if (id !== jobId) return;
        settle();
        if (outcome) resolve(outcome);
        else
          reject(new AppError(ErrorCode.Internal, "the running start finished the ingest without a report"));
      });
      events.on("failed", ({ jobId: id, failedReason }) => {
        if (id !== jobId) return;
        settle();
        reject(
          reported
            ? new AppError(reported.code, reported.message, reported.hint ? { hint: reported.hint } : {})
            : new AppError(ErrorCode.Internal, failedReason),
        );
      });
    });
  } finally {
    // Graceful closes wait for a connection that may never come (Redis down): bounded, then cut.
    await withTimeout(Promise.allSettled([events.close(), producer.close()]), 2_000, "").catch(() => {});
    eventsRedis.disconnect();
    producerRedis.disconnect();
  }
}

async function removeJob(redis: Redis, prefix: string, jobId: string): Promise<void> {
  const queue = new Queue("ingest", { connection: redis, prefix });
  await queue.remove(jobId).catch(() => 0);
  await queue.close().catch(() => {});
}

async function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new HandOffFailed(message)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
