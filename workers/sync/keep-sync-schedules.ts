import type { Queue } from "bullmq";
import type { SourceConnectionRow } from "#shared/db/schema.ts";
import { errorMessage } from "#shared/errors/app-error.ts";
import type { Logger } from "#shared/log/logger.ts";
import type { JobCatalog } from "#shared/queue/job-catalog.ts";
import { reconcileSyncSchedules } from "./reconcile-sync-schedules.ts";
import type { SyncScheduleSettings } from "./sync-schedules.ts";

export interface SyncScheduleKeeperOptions {
  queue: Queue;
  /** Every connection of every workspace (listAllSourceConnections). */
  listConnections(): Promise<SourceConnectionRow[]>;
  settings: SyncScheduleSettings;
  logger: Logger;
  /** How often schedules are matched to connections; a minute by default. */
  intervalMs?: number;
  catalog?: JobCatalog;
}

export interface SyncScheduleKeeper {
  /** Runs one pass now (or waits for the one running); never throws, failures are logged. */
  reconcileNow(): Promise<void>;
  /** Stops the timer and waits for a pass in progress. */
  stop(): Promise<void>;
}

/**
 * Keeps the sync schedulers in step with the database, at start and then every minute, so a
 * workspace connected through OAuth is scheduled without a restart and a disconnected one stops.
 * A pass that fails (Redis or the database down) is logged and the next one tries again.
 */
export function keepSyncSchedules(options: SyncScheduleKeeperOptions): SyncScheduleKeeper {
  const { logger } = options;
  let running: Promise<void> | undefined;

  const pass = async (): Promise<void> => {
    try {
      const connections = await options.listConnections();
      const result = await reconcileSyncSchedules(
        options.queue,
        connections,
        options.settings,
        options.catalog,
      );
      if (result.upserted.length > 0 || result.removed.length > 0)
        logger.info(result, "sync schedules updated");
    } catch (error) {
      logger.warn({ err: errorMessage(error) }, "could not update sync schedules; trying again later");
    }
  };

  const reconcileNow = (): Promise<void> => {
    // One pass at a time: a slow Redis must not stack passes up.
    running ??= pass().finally(() => {
      running = undefined;
    });
    return running;
  };

  const timer = setInterval(() => void reconcileNow(), options.intervalMs ?? 60_000);
  timer.unref();
  return {
    reconcileNow,
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
