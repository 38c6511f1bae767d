import { Queue } from "bullmq";
import { ensureEnvConnections } from "#connectors/sources/ensure-env-connections.ts";
import { listAllSourceConnections } from "#shared/db/list-all-source-connections.ts";
import { errorMessage } from "#shared/errors/app-error.ts";
import { runWorker } from "#shared/queue/run-worker.ts";
import { deferSync } from "#workers/sync/defer-sync.ts";
import { keepSyncSchedules } from "#workers/sync/keep-sync-schedules.ts";
import { requestSync } from "#workers/sync/request-sync.ts";
import { createSyncJob } from "#workers/sync/sync-job.ts";
import { syncsToResume } from "#workers/sync/syncs-to-resume.ts";
import { sourceSyncDependencies } from "../source-sync-dependencies.ts";
import type { RoleContext, RunningRole } from "./role.ts";
import { sourceAlertsFromEnv } from "./source-alerts-from-env.ts";

/**
 * The sync worker (`sync` queue) and the schedules that feed it: every connection of a scheduled
 * kind syncs incrementally every few minutes (its connector's: NOTION_SYNC_MINUTES for Notion) and
 * fully on the shared NOTION_FULL_SYNC_CRON. On close, running
 * syncs finish; one abandoned after the shutdown timeout resumes on the next start.
 */
export async function startSyncRole(context: RoleContext): Promise<RunningRole> {
  const { services } = context;
  const { env, logger } = services;
  const database = await services.database();
  await ensureEnvConnections(database.db, env);
  // The producer connection: the Notion request budget is shared with every other process.
  const dependencies = await sourceSyncDependencies(services, {
    redis: context.producerRedis(),
    alerts: sourceAlertsFromEnv(services),
    telemetry: context.telemetry,
  });
  const queue = new Queue("sync", { connection: context.producerRedis(), prefix: env.QUEUE_PREFIX });
  queue.on("error", (error) => logger.debug({ error: error.message }, "sync queue error"));

  // Kinds the sync role schedules, and how often: from the connectors the entry point registered.
  const scheduled = dependencies.connectors.all().filter((connector) => connector.syncMinutes !== undefined);
  const scheduledKinds = scheduled.map((connector) => connector.kind);
  const listConnections = () => listAllSourceConnections(database.db, scheduledKinds);

  const worker = runWorker(
    "sync",
    createSyncJob({ sync: dependencies, defer: (payload, delayMs) => deferSync(queue, payload, delayMs) }),
    { connection: context.workerRedis(), logger, prefix: env.QUEUE_PREFIX },
  );
  const schedules = keepSyncSchedules({
    queue,
    listConnections,
    settings: {
      incrementalMinutes: (kind) => dependencies.connectors.find(kind)?.syncMinutes,
      fullSyncCron: env.NOTION_FULL_SYNC_CRON,
      timezone: env.TIMEZONE,
    },
    logger,
  });
  await schedules.reconcileNow();
  try {
    for (const request of syncsToResume(await listConnections())) {
      await requestSync(context.producer(), request);
    }
  } catch (error) {
    logger.warn({ err: errorMessage(error) }, "could not resume interrupted syncs; their schedules will");
  }

  return {
    name: "sync",
    ready: () => worker.ready(),
    close: async () => {
      await schedules.stop();
      await worker.close();
      await queue.close();
    },
    forceClose: () => worker.close(true),
  };
}
