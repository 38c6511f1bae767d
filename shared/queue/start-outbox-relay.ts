import type { Db } from "../db/database.ts";
import { listOutbox, recordOutboxFailure, removeFromOutbox } from "../db/outbox-repository.ts";
import { errorMessage, isAppError, isRetryable } from "../errors/app-error.ts";
import type { Logger } from "../log/logger.ts";
import type { Producer } from "./enqueue.ts";
import { type QueueName, queueNames } from "./job-catalog.ts";

export interface OutboxRelayOptions {
  db: Db;
  /** A fail-fast producer (`createRedisConnection(url, { role: "producer" })`). */
  producer: Producer;
  logger: Logger;
  /** How often the outbox is looked at; 1 s by default (an empty table costs one indexed read). */
  intervalMs?: number;
  /** Rows handed over per look. */
  batchSize?: number;
  /** Aborting it stops the relay (as `stop()`). */
  signal?: AbortSignal;
  now?: () => Date;
}

export interface OutboxRelay {
  /** Hands over what is kept now, oldest first; resolves with the number of rows queued. */
  drain(): Promise<number>;
  /** Stops looking and waits for a hand-over in progress. */
  stop(): Promise<void>;
}

/**
 * Moves jobs kept while Redis was down onto their queues, oldest first. A row is deleted only
 * after Redis accepted the job (or said it already has it): a crash in between leaves the row,
 * and the next add of it is deduplicated by the queue. Several relays (several bot processes on
 * one PostgreSQL) may pick the same row; the queue's dedupe makes that harmless, so no row locks
 * are held across the Redis call.
 */
export function startOutboxRelay(options: OutboxRelayOptions): OutboxRelay {
  const { db, producer } = options;
  const logger = options.logger.child({ component: "outbox-relay" });
  const intervalMs = options.intervalMs ?? 1_000;
  const batchSize = options.batchSize ?? 50;
  const now = options.now ?? (() => new Date());
  let running: Promise<number> | undefined;
  let stopped = false;
  let redisFailing = false;
  let timer: NodeJS.Timeout | undefined;

  async function handOver(): Promise<number> {
    let queued = 0;
    for (;;) {
      const rows = await listOutbox(db, batchSize);
      if (rows.length === 0) return queued;
      for (const row of rows) {
        if (stopped) return queued;
        if (!queueNames.includes(row.queue as QueueName)) {
          logger.error({ outboxId: row.id, queue: row.queue }, "outbox row for an unknown queue; dropped");
          await removeFromOutbox(db, row.id);
          continue;
        }
        try {
          const { jobId, duplicate } = await producer.enqueue(row.queue as QueueName, row.payload as never);
          await removeFromOutbox(db, row.id);
          queued += 1;
          if (redisFailing) logger.info("redis accepts jobs again; queueing the outbox");
          redisFailing = false;
          logger.info(
            { outboxId: row.id, jobId, duplicate, keptMs: now().getTime() - row.createdAt.getTime() },
            "kept job queued",
          );
        } catch (error) {
          if (isRetryable(error)) {
            await recordOutboxFailure(db, row.id, errorMessage(error));
            // Still down: one warning per outage, then wait for the next look.
            if (!redisFailing) logger.warn({ err: errorMessage(error) }, "outbox waits for redis");
            redisFailing = true;
            return queued;
          }
          // A payload the catalog now refuses can never be queued (an older deploy wrote it).
          logger.error(
            { outboxId: row.id, code: isAppError(error) ? error.code : undefined, err: errorMessage(error) },
            "kept job can never be queued; dropped",
          );
          await removeFromOutbox(db, row.id);
        }
      }
    }
  }

  function drain(): Promise<number> {
    running ??= handOver().finally(() => {
      running = undefined;
    });
    return running;
  }

  function schedule(): void {
    if (stopped) return;
    timer = setTimeout(async () => {
      try {
        await drain();
      } catch (error) {
        logger.warn({ err: errorMessage(error) }, "could not read the outbox");
      }
      schedule();
    }, intervalMs);
    timer.unref();
  }

  async function stop(): Promise<void> {
    stopped = true;
    clearTimeout(timer);
    await running?.catch(() => {});
  }

  options.signal?.addEventListener("abort", () => void stop(), { once: true });
  schedule();
  return { drain, stop };
}
