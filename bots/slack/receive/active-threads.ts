import type { Redis } from "ioredis";
import { slackRedisKey } from "./slack-redis-key.ts";

/** A Slack thread: the channel and the ts of its first message. */
export interface SlackThread {
  teamId: string;
  channelId: string;
  threadTs: string;
}

export interface ActiveThreadOptions {
  /** A week: long enough for a conversation to pick up again after a weekend. */
  ttlSeconds?: number;
  keyPrefix?: string;
}

export const defaultActiveThreadTtlSeconds = 7 * 86_400;

/**
 * Remembers that the bot replied in a thread, so later messages there are follow-up questions
 * without a new mention. Each reply renews the week.
 */
export async function markThreadActive(
  redis: Redis,
  thread: SlackThread,
  options: ActiveThreadOptions = {},
): Promise<void> {
  const ttlSeconds = options.ttlSeconds ?? defaultActiveThreadTtlSeconds;
  await redis.set(threadKey(thread, options.keyPrefix), "1", "EX", ttlSeconds);
}

/** Whether the bot is part of this thread; messages in other threads are not meant for it. */
export async function isThreadActive(
  redis: Redis,
  thread: SlackThread,
  options: Pick<ActiveThreadOptions, "keyPrefix"> = {},
): Promise<boolean> {
  return (await redis.exists(threadKey(thread, options.keyPrefix))) === 1;
}

function threadKey(thread: SlackThread, keyPrefix: string | undefined): string {
  return slackRedisKey(keyPrefix, "thread", thread.teamId, thread.channelId, thread.threadTs);
}
