import { Queue } from "bullmq";
import type { Redis } from "ioredis";
import { defaultQueuePrefix, type JobCatalog } from "#shared/queue/job-catalog.ts";
import { runWorker } from "#shared/queue/run-worker.ts";
import { type TrainEveryWorkspaceDependencies, trainEveryWorkspace } from "./train-every-workspace.ts";
import { keepTrainSchedule, type TrainScheduleSettings } from "./train-schedule.ts";

export interface TrainScheduleOptions extends TrainEveryWorkspaceDependencies {
  /** Blocking worker connection (maxRetriesPerRequest: null). */
  workerRedis: Redis;
  /** Fail-fast connection for the queue (scheduler upsert). */
  producerRedis: Redis;
  prefix?: string;
  settings: TrainScheduleSettings;
  catalog?: JobCatalog;
}

export interface RunningTrainSchedule {
  /** The `train` queue (tests promote its next scheduled job to fire it now). */
  queue: Queue;
  ready(): Promise<void>;
  /** Stops taking ticks; a night in progress finishes its current workspace, then stops. */
  close(): Promise<void>;
  forceClose(): Promise<void>;
}

/**
 * The nightly schedule: a TRAIN_CRON job scheduler on the `train` queue and the worker that, per
 * tick, trains every workspace in turn. Through Redis rather than a timer in this process, so
 * several processes running the role still train once per tick.
 */
export async function startTrainSchedule(options: TrainScheduleOptions): Promise<RunningTrainSchedule> {
  const { logger } = options;
  const prefix = options.prefix ?? defaultQueuePrefix;
  const queue = new Queue("train", { connection: options.producerRedis, prefix });
  queue.on("error", (error) => logger.debug({ error: error.message }, "train queue error"));
  await keepTrainSchedule(queue, options.settings, options.catalog);
  logger.info(
    { cron: options.settings.cron, timezone: options.settings.timezone },
    "nightly training scheduled",
  );
  /** Aborted on close: the night stops between workspaces (a run in hand is never cut). */
  const stopping = new AbortController();
  const worker = runWorker(
    "train",
    async (payload, context) => {
      const signal = AbortSignal.any([stopping.signal, context.signal]);
      const outcomes = await trainEveryWorkspace(options, signal);
      logger.info({ reason: payload.reason, workspaces: outcomes.length }, "nightly training done");
    },
    {
      connection: options.workerRedis,
      logger,
      prefix,
      ...(options.catalog ? { catalog: options.catalog } : {}),
    },
  );
  return {
    queue,
    ready: () => worker.ready(),
    close: async () => {
      stopping.abort();
      await worker.close();
      await queue.close();
    },
    forceClose: () => worker.close(true),
  };
}
