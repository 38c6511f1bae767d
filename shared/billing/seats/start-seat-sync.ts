import type { Redis } from "ioredis";
import type { Db } from "#shared/db/database.ts";
import { errorMessage } from "#shared/errors/app-error.ts";
import type { Logger } from "#shared/log/logger.ts";
import type { JobCatalog } from "#shared/queue/job-catalog.ts";
import { type RunningWorker, runWorker } from "#shared/queue/run-worker.ts";
import type { SeatQuantityProvider } from "./seat-quantity-provider.ts";
import { createSeatSyncScheduler, type SeatSyncScheduler } from "./seat-sync-scheduler.ts";
import { syncSeats } from "./sync-seats.ts";

export interface SeatSyncOptions {
  db: Db;
  provider: SeatQuantityProvider;
  workerRedis: Redis;
  producerRedis: Redis;
  logger: Logger;
  prefix?: string;
  now?: () => Date;
  catalog?: JobCatalog;
  /** How often every subscribed workspace is looked at again (members age out without an event). */
  reconcileEveryMs?: number;
}

export interface RunningSeatSync {
  scheduler: SeatSyncScheduler;
  worker: RunningWorker;
  /** Resolves when the worker takes jobs and the start-up reconcile has been scheduled. */
  ready(): Promise<void>;
  close(force?: boolean): Promise<void>;
}

/**
 * The seats worker plus the reconcile: at start (every workspace with a subscription) and hourly.
 * Run by the answer role, which every `sabio start` runs: wherever questions are answered, seats follow.
 */
export function startSeatSync(options: SeatSyncOptions): RunningSeatSync {
  const { logger } = options;
  const now = options.now ?? (() => new Date());
  const prefix = options.prefix;
  const scheduler = createSeatSyncScheduler({
    db: options.db,
    connection: options.producerRedis,
    now,
    ...(prefix ? { prefix } : {}),
    ...(options.catalog ? { catalog: options.catalog } : {}),
  });
  const worker = runWorker(
    "seats",
    async (payload) => {
      const outcome = await syncSeats(
        { db: options.db, provider: options.provider, now },
        payload.workspaceId,
      );
      if (outcome.kind === "updated") {
        logger.info(
          { workspaceId: payload.workspaceId, seats: outcome.seats, previous: outcome.previous },
          "seat quantity updated",
        );
      }
    },
    {
      connection: options.workerRedis,
      logger,
      ...(prefix ? { prefix } : {}),
      ...(options.catalog ? { catalog: options.catalog } : {}),
    },
  );
  const reconcile = async () => {
    try {
      await scheduler.reconcile();
    } catch (error) {
      logger.warn({ err: errorMessage(error) }, "could not reconcile seat quantities");
    }
  };
  const started = reconcile();
  const timer = setInterval(reconcile, options.reconcileEveryMs ?? 3_600_000);
  timer.unref();
  return {
    scheduler,
    worker,
    ready: async () => {
      await Promise.all([worker.ready(), started]);
    },
    close: async (force = false) => {
      clearInterval(timer);
      await worker.close(force);
      await scheduler.close();
    },
  };
}
