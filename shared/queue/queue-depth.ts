import { Queue } from "bullmq";
import type { Redis } from "ioredis";
import { defaultQueuePrefix, type QueueName } from "./job-catalog.ts";

/** How many jobs of a queue are waiting or running (for `/sabio status` and health checks). */
export function createQueueDepth(
  connection: Redis,
  queueName: QueueName,
  prefix = defaultQueuePrefix,
): { depth(): Promise<number>; close(): Promise<void> } {
  let queue: Queue | undefined;
  return {
    async depth() {
      queue ??= new Queue(queueName, { connection, prefix });
      const counts = await queue.getJobCounts("waiting", "prioritized", "delayed", "active");
      return Object.values(counts).reduce((sum, count) => sum + count, 0);
    },
    async close() {
      await queue?.close();
    },
  };
}
