import { type Job, Worker } from "bullmq";
import type { Redis } from "ioredis";
import type { Logger } from "../log/logger.ts";
import {
  defaultQueuePrefix,
  type JobCatalog,
  type JobPayload,
  jobCatalog,
  type QueueDefinition,
  type QueueName,
} from "./job-catalog.ts";
import { parseJobPayload } from "./parse-job-payload.ts";
import { pingRedis } from "./redis-connection.ts";
import { toJobError } from "./unrecoverable-job-error.ts";
import { startWorkerWatchdog } from "./worker-watchdog.ts";

/** What a processor may know about its job, without depending on BullMQ. */
export interface JobContext {
  jobId: string;
  /** 1 for the first try. */
  attempt: number;
  attempts: number;
  /** Aborted when the job is cancelled or the worker is force-closed: stop and throw. */
  signal: AbortSignal;
  /** Reaches QueueEvents listeners (e.g. "answer being written"). */
  updateProgress(progress: number | object): Promise<void>;
}

/**
 * Does the work for one job. Must be idempotent: delivery is at least once. Throw
 * AppError({ retryable: false }) when trying again cannot help.
 */
export type JobProcessor<Q extends QueueName> = (
  payload: JobPayload<Q>,
  context: JobContext,
) => Promise<void>;

export interface RunWorkerOptions {
  /** Made with `createRedisConnection(url, { role: "worker" })`; BullMQ duplicates it for blocking reads. */
  connection: Redis;
  logger: Logger;
  /** Jobs at once in this process; the catalog's default otherwise. */
  concurrency?: number;
  prefix?: string;
  catalog?: JobCatalog;
  /** Aborting it closes the worker gracefully (running jobs finish). */
  signal?: AbortSignal;
  /** How often the stuck-worker check runs; 30 s by default. */
  watchdogIntervalMs?: number;
  /** Lock and stall settings, shortened by tests. */
  lockDuration?: number;
  stalledInterval?: number;
}

export interface RunningWorker {
  readonly queueName: QueueName;
  /** The current BullMQ worker (replaced if the watchdog restarts it): for events and tests. */
  readonly worker: Worker<unknown, void>;
  /** Resolves when both Redis connections of the current worker are ready. */
  ready(): Promise<void>;
  /**
   * Stops taking jobs and waits for running ones. With `force`, also aborts running jobs' signals
   * and stops waiting for them; a job that does not finish keeps its lock until it expires, then
   * another worker runs it again. Leaves the passed connection open (its creator closes it).
   */
  close(force?: boolean): Promise<void>;
}

/** Starts a worker for one queue of the catalog. */
export function runWorker<Q extends QueueName>(
  queueName: Q,
  processor: JobProcessor<Q>,
  options: RunWorkerOptions,
): RunningWorker {
  const definition: QueueDefinition = (options.catalog ?? jobCatalog)[queueName];
  const logger = options.logger.child({ queue: queueName });
  let stopping = false;
  let closing: Promise<void> | undefined;

  const handle = async (job: Job<unknown, void>, _token?: string, signal?: AbortSignal): Promise<void> => {
    try {
      const payload = parseJobPayload(queueName, definition, job.data) as JobPayload<Q>;
      await processor(payload, {
        jobId: job.id ?? "",
        attempt: job.attemptsMade + 1,
        attempts: job.opts.attempts ?? 1,
        signal: signal ?? new AbortController().signal,
        updateProgress: (progress) => job.updateProgress(progress),
      });
    } catch (error) {
      throw toJobError(error);
    }
  };

  function createWorker(): Worker<unknown, void> {
    const worker = new Worker<unknown, void>(queueName, handle, {
      connection: options.connection,
      prefix: options.prefix ?? defaultQueuePrefix,
      concurrency: options.concurrency ?? definition.concurrency,
      ...(definition.limiter === undefined ? {} : { limiter: definition.limiter }),
      ...stallSettings(options, definition),
    });
    attachLogging(worker, logger, () => stopping);
    return worker;
  }

  let current = createWorker();

  const stopWatchdog = startWorkerWatchdog({
    queueName,
    logger,
    intervalMs: options.watchdogIntervalMs ?? 30_000,
    isHealthy: () => isWorkerHealthy(current),
    isRedisReachable: () => pingRedis(options.connection),
    async restart() {
      if (stopping) return;
      const stuck = current;
      // A closed shared connection would leave the new worker just as stuck.
      if (options.connection.status === "end") await options.connection.connect();
      current = createWorker();
      await stuck.close(true).catch((error: unknown) => {
        logger.warn({ error: String(error) }, "closing the stuck worker failed");
      });
    },
  });

  const close = async (force = false): Promise<void> => {
    stopping = true;
    stopWatchdog();
    if (!force) {
      closing ??= current.close();
      return closing;
    }
    // Running jobs see their signal abort and can stop early.
    current.cancelAllJobs("worker force-closed");
    if (closing) {
      // BullMQ's close(true) would return the pending graceful close, which may never end (a hung
      // job, or Redis gone: bullmq #4656). The graceful close already stopped fetching; stop waiting.
      return;
    }
    closing = current.close(true);
    return closing;
  };

  options.signal?.addEventListener("abort", () => void close(), { once: true });

  return {
    queueName,
    get worker() {
      return current;
    },
    ready: () => current.waitUntilReady(),
    close,
  };
}

/** The test's settings, else the queue's own, else BullMQ's defaults. */
function stallSettings(options: RunWorkerOptions, definition: QueueDefinition) {
  const lockDuration = options.lockDuration ?? definition.stall?.lockDurationMs;
  const stalledInterval = options.stalledInterval ?? definition.stall?.stalledIntervalMs;
  return {
    ...(lockDuration === undefined ? {} : { lockDuration }),
    ...(stalledInterval === undefined ? {} : { stalledInterval }),
  };
}

/** Looping, and both its connections (commands and the blocking fetch) ready. */
async function isWorkerHealthy(worker: Worker<unknown, void>): Promise<boolean> {
  // Closing or paused on purpose: not stuck.
  if (worker.closing || worker.isPaused()) return true;
  if (!worker.isRunning()) return false;
  const backend = worker.getBackend();
  const [main, blocking] = await Promise.all([backend.client, backend.blockingClient]);
  return main.status === "ready" && (blocking === undefined || blocking.status === "ready");
}

/** Job failures are logged with their code and attempt, never with the payload. */
function attachLogging(worker: Worker<unknown, void>, logger: Logger, stopping: () => boolean): void {
  worker.on("ready", () => logger.info("worker ready"));
  worker.on("error", (error: Error & { code?: string }) => {
    // Connection errors repeat every retry and the connection's listener already reported them.
    const level = isConnectionError(error) ? "debug" : "error";
    logger[level]({ code: error.code, error: error.message }, "worker error");
  });
  worker.on("closed", () => {
    if (stopping()) logger.info("worker closed");
    else logger.warn("worker closed unexpectedly");
  });
  worker.on("stalled", (jobId) => logger.warn({ jobId }, "job stalled: its lock expired, it will run again"));
  worker.on("failed", (job, error) => {
    // AppError, UnrecoverableJobError and Node errors carry a string code; anything else is unexpected.
    const code = (error as Error & { code?: unknown }).code;
    const fields = {
      jobId: job?.id,
      attempt: job?.attemptsMade,
      attempts: job?.opts.attempts ?? 1,
      code: typeof code === "string" ? code : "unexpected",
      error: error.message,
    };
    // finishedOn is only set once the job will not be retried.
    if (job?.finishedOn === undefined) logger.warn(fields, "job failed, will retry");
    else logger.error(fields, "job failed");
  });
}

function isConnectionError(error: Error & { code?: string }): boolean {
  return (
    ["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "ENOTFOUND", "EHOSTUNREACH", "EPIPE"].includes(
      error.code ?? "",
    ) || /ECONNREFUSED|Connection is closed|Stream isn't writeable/.test(error.message)
  );
}
