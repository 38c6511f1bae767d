import { Queue } from "bullmq";
import type { Redis } from "ioredis";
import type { Logger } from "#shared/log/logger.ts";
import { createProducer } from "#shared/queue/enqueue.ts";
import type { JobPayloadInput } from "#shared/queue/job-catalog.ts";
import { requestSync } from "#workers/sync/request-sync.ts";

/**
 * `sabio sync` found the connection busy: when a sync worker is listening, queue one more run so the
 * edits made meanwhile are read right after the running sync (it coalesces with other requests).
 * Returns false when nothing would run it (no worker) or Redis refused.
 */
export async function queueSyncAfterRunning(
  redis: Redis,
  options: { prefix: string; logger: Logger },
  request: JobPayloadInput<"sync">,
): Promise<boolean> {
  const queue = new Queue("sync", { connection: redis, prefix: options.prefix });
  queue.on("error", () => {});
  const producer = createProducer(redis, { prefix: options.prefix, logger: options.logger });
  try {
    if ((await queue.getWorkersCount()) === 0) return false;
    await requestSync(producer, request);
    return true;
  } catch (error) {
    options.logger.warn({ err: String(error) }, "could not queue a sync after the running one");
    return false;
  } finally {
    await producer.close();
    await queue.close();
  }
}
