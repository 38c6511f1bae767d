import type { EnqueueResult, Producer } from "#shared/queue/enqueue.ts";
import type { JobPayloadInput } from "#shared/queue/job-catalog.ts";

/**
 * "Sync now" for an admin command, a webhook or Slack. Asking while the same connection and mode
 * is already queued adds nothing; asking while it runs queues exactly one more run after it
 * (`duplicate: true` either way). Throws the producer's AppError when Redis is unavailable.
 */
export function requestSync(producer: Producer, request: JobPayloadInput<"sync">): Promise<EnqueueResult> {
  return producer.enqueue("sync", request);
}
