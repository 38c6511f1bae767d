import type { SourceSyncReport } from "#connectors/sources/source-connector.ts";

/** A sync's report as it travels through Redis: plain JSON, failures as their messages. */
export type SyncJobOutcome = Omit<SourceSyncReport, "failed"> & {
  failed: { id: string; error: string }[];
};

/**
 * What the sync job reports through BullMQ's progress events, for a `sabio sync` handed to this
 * start and waiting on it (cli/running-start/hand-sync-to-start.ts). One per run, before it ends.
 */
export type SyncJobUpdate =
  | { outcome: SyncJobOutcome }
  /** Another sync of the connection held its lease: the same sync is queued to run after it. */
  | { deferred: { retryInMs: number } }
  /** `retrying`: the queue runs the job again later (Notion down, rate limited). */
  | { error: { code: string; message: string; hint: string | null; retrying: boolean } };

export function syncJobOutcome(report: SourceSyncReport): SyncJobOutcome {
  const { failed, ...counts } = report;
  return { ...counts, failed: failed.map((failure) => ({ id: failure.id, error: failure.error.message })) };
}
