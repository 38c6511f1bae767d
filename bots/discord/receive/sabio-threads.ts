import type { Redis } from "ioredis";
import { discordRedisKey } from "../discord-redis-key.ts";

/** A week: long enough for a conversation to pick up again after a weekend; each answer renews it. */
export const defaultThreadTtlSeconds = 7 * 86_400;

export interface ThreadOptions {
  keyPrefix?: string | undefined;
  ttlSeconds?: number;
}

/** Remembers that Sabio answers in a thread, so later messages there are follow-ups without a mention. */
export async function markSabioThread(
  redis: Redis,
  threadId: string,
  options: ThreadOptions = {},
): Promise<void> {
  const ttlSeconds = options.ttlSeconds ?? defaultThreadTtlSeconds;
  await redis.set(discordRedisKey(options.keyPrefix, "thread", threadId), "1", "EX", ttlSeconds);
}

/** Whether Sabio takes part in this thread; messages in other threads are not meant for it. */
export async function isSabioThread(
  redis: Redis,
  threadId: string,
  options: ThreadOptions = {},
): Promise<boolean> {
  return (await redis.exists(discordRedisKey(options.keyPrefix, "thread", threadId))) === 1;
}
