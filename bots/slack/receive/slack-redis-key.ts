import { defaultQueuePrefix } from "#shared/queue/job-catalog.ts";

/**
 * Keys the Slack bot keeps next to the queues. They share the queue prefix (QUEUE_PREFIX), so
 * deployments sharing one Redis stay apart and one `SCAN prefix:*` finds everything a test made.
 */
export function slackRedisKey(keyPrefix: string | undefined, kind: string, ...parts: string[]): string {
  return [keyPrefix ?? defaultQueuePrefix, "slack", kind, ...parts].join(":");
}
