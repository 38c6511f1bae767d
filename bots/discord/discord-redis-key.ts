import { defaultQueuePrefix } from "#shared/queue/job-catalog.ts";

/**
 * Keys the Discord bot keeps next to the queues (dedupe claims, threads it answers in, interaction
 * tokens). They share QUEUE_PREFIX, so deployments sharing one Redis stay apart.
 */
export function discordRedisKey(keyPrefix: string | undefined, kind: string, ...parts: string[]): string {
  return [keyPrefix ?? defaultQueuePrefix, "discord", kind, ...parts].join(":");
}
