import type { Redis } from "ioredis";

/** Removes every key a test made under its random prefix (queues, dedupe claims, threads). */
export async function deleteTestKeys(redis: Redis, keyPrefix: string): Promise<void> {
  let cursor = "0";
  do {
    const [next, keys] = await redis.scan(cursor, "MATCH", `${keyPrefix}:*`, "COUNT", 500);
    cursor = next;
    if (keys.length > 0) await redis.del(...keys);
  } while (cursor !== "0");
}
