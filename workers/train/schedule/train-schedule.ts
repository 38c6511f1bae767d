import type { Queue } from "bullmq";
import { type JobCatalog, jobCatalog, jobOptionsFor } from "#shared/queue/job-catalog.ts";

/** The one scheduler of the `train` queue: every process running the role upserts the same id. */
export const trainSchedulerId = "train/nightly";

export interface TrainScheduleSettings {
  /** TRAIN_CRON, e.g. "0 2 * * *". */
  cron: string;
  /** TIMEZONE, e.g. "Europe/Madrid". */
  timezone: string;
}

/**
 * Makes the `train` queue add one job per TRAIN_CRON tick in TIMEZONE. Upserting the same id from
 * every process running the role keeps one scheduler (so one nightly run, not one per process), and
 * a changed TRAIN_CRON replaces the old timing on the next start.
 */
export async function keepTrainSchedule(
  queue: Queue,
  settings: TrainScheduleSettings,
  catalog: JobCatalog = jobCatalog,
): Promise<void> {
  await queue.upsertJobScheduler(
    trainSchedulerId,
    { pattern: settings.cron, tz: settings.timezone },
    { name: "train", data: { reason: "schedule" }, opts: jobOptionsFor(catalog.train) },
  );
}
