import { Queue } from "bullmq";
import type { Redis } from "ioredis";
import { queueNames } from "./job-catalog.ts";

/**
 * Deletes every key of every catalog queue under a prefix: jobs in any state, events and dedupe
 * keys. For tests and benchmarks with their own prefix; on a live prefix it drops real work.
 */
export async function removeQueues(connection: Redis, prefix: string): Promise<void> {
  for (const name of queueNames) {
    const queue = new Queue(name, { connection, prefix });
    try {
      await queue.obliterate({ force: true });
    } finally {
      await queue.close();
    }
  }
  // Dedupe keys with a TTL outlive obliterate; sweep whatever is left under the prefix.
  let cursor = "0";
  do {
    const [next, keys] = await connection.scan(cursor, "MATCH", `${prefix}:*`, "COUNT", 1000);
    if (keys.length > 0) await connection.del(...keys);
    cursor = next;
  } while (cursor !== "0");
}
