import type { Queue } from "bullmq";
import { dedupeHash, proposeJobId } from "#shared/queue/dedupe-hash.ts";
import { type JobCatalog, type JobPayload, jobCatalog, jobOptionsFor } from "#shared/queue/job-catalog.ts";

/**
 * Adds the same sync again, to run after `delayMs`: for a job that found another sync of its
 * connection holding the lease (a `sabio sync` in a shell, another worker). It goes through the
 * same dedupe as "sync now", so however many jobs find the lease busy, one run is pending per
 * connection and mode; a new job rather than a retry, so no attempt is used up waiting.
 */
export async function deferSync(
  queue: Queue,
  payload: JobPayload<"sync">,
  delayMs: number,
  catalog: JobCatalog = jobCatalog,
): Promise<void> {
  const definition = catalog.sync;
  const key = definition.dedupe?.key(payload);
  // The catalog gives `sync` a dedupe key; without one, deferring could pile up runs.
  if (key === undefined) throw new Error("the sync queue has no dedupe key in the job catalog");
  const hash = dedupeHash(key);
  await queue.add("sync", payload, {
    ...jobOptionsFor(definition),
    jobId: proposeJobId(hash),
    delay: delayMs,
    deduplication: { id: hash, keepLastIfActive: true },
  });
}
