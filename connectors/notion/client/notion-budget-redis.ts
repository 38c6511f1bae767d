import type { Redis } from "ioredis";
import type { Logger } from "#shared/log/logger.ts";
import { closeRedisConnection, createRedisConnection } from "#shared/queue/redis-connection.ts";

/** A Redis connection to share the Notion request budget through, if Redis answered; dispose it when done. */
export interface NotionBudgetRedis extends AsyncDisposable {
  redis: Redis | undefined;
}

/**
 * For a one-shot command (`sabio sync`): a producer connection to REDIS_URL when Redis is ready
 * within `timeoutMs`, so the run spends from the same Notion budget as the workers; otherwise none,
 * and the run keeps its own budget — Redis is never required to sync.
 */
export async function connectNotionBudgetRedis(
  url: string,
  logger: Logger,
  timeoutMs = 1_000,
): Promise<NotionBudgetRedis> {
  const connection = createRedisConnection(url, { role: "producer", logger, name: "sabio-sync" });
  const ready = await new Promise<boolean>((resolve) => {
    const timer = setTimeout(() => resolve(false), timeoutMs);
    connection.once("ready", () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
  if (!ready) {
    connection.disconnect();
    logger.info("Redis did not answer: this sync limits its Notion requests on its own");
    return { redis: undefined, [Symbol.asyncDispose]: async () => {} };
  }
  return { redis: connection, [Symbol.asyncDispose]: () => closeRedisConnection(connection) };
}
