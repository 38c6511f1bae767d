import { Queue, QueueEvents } from "bullmq";
import type { Redis } from "ioredis";
import { AppError, ErrorCode } from "#shared/errors/app-error.ts";
import type { Logger } from "#shared/log/logger.ts";
import { createProducer, type EnqueueOptions } from "#shared/queue/enqueue.ts";
import type { JobPayloadInput, QueueName } from "#shared/queue/job-catalog.ts";
import { createRedisConnection } from "#shared/queue/redis-connection.ts";
import { HandOffFailed } from "./hand-off-failed.ts";
import type { StartQueues } from "./start-queues.ts";
import { within } from "./within.ts";

export interface HandOffSettings {
  /** The start's queues, reached with this command's REDIS_URL (start-queues.ts). */
  queues: StartQueues;
  logger: Logger;
  /** How long the start may take to pick the job up (it may be busy with another); a minute by default. */
  pickUpTimeoutMs?: number;
  /** How often `startIsAlive` is asked; 2 s by default. */
  aliveCheckMs?: number;
  /** Whether the start still runs: a start killed mid-job must not leave this waiting forever. */
  startIsAlive: () => boolean;
}

/** What a hand-off is about, in the words of its messages: "ingest", "sync". */
export interface HandedWork<Result> {
  what: string;
  /**
   * One progress update of the job (its reports, see workers/ingest/ingest-job.ts): a result ends
   * the wait with it, a thrown error ends it with that error, undefined waits on.
   */
  progress(data: unknown): Result | undefined;
  /** The job finished without a report that ended the wait. */
  completed(): Result;
  /** The job failed without a report that ended the wait. */
  failed(reason: string): Error;
}

/**
 * Adds a job for the running `sabio start` on its Redis and waits for its reports. Gives up, with
 * a message saying what happened to the work, when the start does not pick the job up in time (the
 * job is withdrawn) or stops before it is done (nothing it did is claimed as done).
 */
export async function handJobToStart<Q extends QueueName, Result>(
  settings: HandOffSettings,
  queueName: Q,
  payload: JobPayloadInput<Q>,
  work: HandedWork<Result>,
  enqueueOptions: EnqueueOptions = {},
): Promise<Result> {
  const { logger, queues } = settings;
  const producerRedis = createRedisConnection(queues.redisUrl, {
    role: "producer",
    logger,
    name: `sabio-${work.what}`,
  });
  const eventsRedis = createRedisConnection(queues.redisUrl, {
    role: "worker",
    logger,
    name: `sabio-${work.what}-events`,
  });
  const producer = createProducer(producerRedis, { prefix: queues.prefix, logger });
  const events = new QueueEvents(queueName, { connection: eventsRedis, prefix: queues.prefix });
  events.on("error", (error) => logger.debug({ err: error.message }, `${queueName} events error`));
  try {
    // Listening before the job exists, so no event of it can be missed.
    await within(
      events.waitUntilReady(),
      5_000,
      "Redis did not answer within 5 s (does this command's REDIS_URL, password included, match the start's?)",
    );
    let jobId: string;
    try {
      jobId = (await producer.enqueue(queueName, payload, enqueueOptions)).jobId;
    } catch (error) {
      throw new HandOffFailed(error instanceof Error ? error.message : String(error));
    }
    return await new Promise<Result>((resolve, reject) => {
      const pickUpMs = settings.pickUpTimeoutMs ?? 60_000;
      const end = (settle: () => void) => {
        clearTimeout(pickUp);
        clearInterval(watch);
        settle();
      };
      const pickUp = setTimeout(() => {
        // Taken back, so a start that wakes up later does not do what the person was told it would not.
        void withdrawJob(producerRedis, queueName, queues.prefix, jobId).then((withdrawn) => {
          // Picked up at the last moment: its reports settle the wait.
          if (withdrawn === "taken") return;
          end(() =>
            reject(
              new AppError(
                ErrorCode.Unavailable,
                `\`sabio start\` did not pick the ${work.what} up within ${seconds(pickUpMs)} (busy with another, ` +
                  `or its ${queueName} worker is not running): ${withdrawn === "withdrawn" ? "the request was withdrawn and " : ""}nothing was done.`,
                {
                  retryable: true,
                  hint: `run the ${work.what} again once start is idle (its log says what it is doing), or restart it`,
                },
              ),
            ),
          );
        });
      }, pickUpMs);
      const watch = setInterval(() => {
        if (settings.startIsAlive()) return;
        // Best effort: a job the dead start still holds is run again by the next start, harmlessly.
        void withdrawJob(producerRedis, queueName, queues.prefix, jobId);
        end(() =>
          reject(
            new AppError(
              ErrorCode.Unavailable,
              `\`sabio start\` stopped before the ${work.what} finished: it is not done, whatever it had written stays ` +
                "(each document is written whole, its ledger entry last).",
              {
                retryable: true,
                hint:
                  `run the ${work.what} again in a minute, with or without start (the stopped start's hold on ` +
                  "the source runs out by then; unchanged files and pages cost nothing)",
              },
            ),
          ),
        );
      }, settings.aliveCheckMs ?? 2_000);
      events.on("active", ({ jobId: id }) => {
        if (id === jobId) clearTimeout(pickUp);
      });
      events.on("progress", ({ jobId: id, data }) => {
        if (id !== jobId) return;
        try {
          const result = work.progress(data);
          if (result !== undefined) end(() => resolve(result));
        } catch (error) {
          end(() => reject(error));
        }
      });
      events.on("completed", ({ jobId: id }) => {
        if (id !== jobId) return;
        end(() => {
          try {
            resolve(work.completed());
          } catch (error) {
            reject(error);
          }
        });
      });
      events.on("failed", ({ jobId: id, failedReason }) => {
        if (id === jobId) end(() => reject(work.failed(failedReason)));
      });
    });
  } finally {
    // Graceful closes wait for a connection that may never come (Redis down): bounded, then cut.
    await within(Promise.allSettled([events.close(), producer.close()]), 2_000, "").catch(() => {});
    eventsRedis.disconnect();
    producerRedis.disconnect();
  }
}

/** Removes a job no worker holds; "taken" when one does (or it already ran), "gone" when it is not there. */
async function withdrawJob(
  redis: Redis,
  queueName: string,
  prefix: string,
  jobId: string,
): Promise<"withdrawn" | "taken" | "gone"> {
  const queue = new Queue(queueName, { connection: redis, prefix });
  queue.on("error", () => {});
  try {
    if ((await queue.remove(jobId)) === 1) return "withdrawn";
    return (await queue.getJobState(jobId)) === "unknown" ? "gone" : "taken";
  } catch {
    return "gone";
  } finally {
    await queue.close().catch(() => {});
  }
}

function seconds(ms: number): string {
  return ms % 60_000 === 0 ? `${ms / 60_000} min` : `${Math.ceil(ms / 1000)} s`;
}
