import { Queue } from "bullmq";
import type { Logger } from "#shared/log/logger.ts";
import { syncPayloadSchema } from "#shared/queue/job-catalog.ts";
import { createRedisConnection } from "#shared/queue/redis-connection.ts";
import { HandOffFailed } from "./hand-off-failed.ts";
import type { StartQueues } from "./start-queues.ts";
import { within } from "./within.ts";

/**
 * The sources of a workspace that the running start's sync role syncs, read from the job
 * schedulers it keeps in Redis (workers/sync/reconcile-sync-schedules.ts: one incremental per
 * connection it can sync): the database they are listed in is the one this command cannot open.
 * Oldest first is not known here; sorted by id.
 */
export async function startSyncedSources(
  queues: StartQueues,
  workspaceId: string,
  logger: Logger,
): Promise<string[]> {
  const redis = createRedisConnection(queues.redisUrl, { role: "producer", logger, name: "sabio-sync" });
  const queue = new Queue("sync", { connection: redis, prefix: queues.prefix });
  queue.on("error", () => {});
  try {
    const schedulers = await within(queue.getJobSchedulers(), 5_000, "Redis did not answer within 5 s");
    const ids = new Set<string>();
    for (const scheduler of schedulers) {
      const payload = syncPayloadSchema.safeParse(scheduler.template?.data);
      if (payload.success && payload.data.workspaceId === workspaceId) ids.add(payload.data.connectionId);
    }
    return [...ids].sort();
  } catch (error) {
    throw new HandOffFailed(error instanceof Error ? error.message : String(error));
  } finally {
    await within(queue.close(), 2_000, "").catch(() => {});
    redis.disconnect();
  }
}
