import type { SyncMode } from "#connectors/sources/sync-source.ts";

/** One source's line of `sabio sync`'s report, synced here or by the running start. */
export interface SyncSummary {
  source: string;
  label: string;
  /** busy: another sync runs; queued: and one more run is queued after it (a sync worker listens). */
  status: "done" | "busy" | "queued" | "failed";
  mode?: SyncMode;
  state?: string;
  complete: boolean;
  documents?: number;
  chunks?: number;
  embedded?: number;
  unchanged?: number;
  deleted?: number;
  pendingVectors?: number;
  /** Items deliberately not indexed (a file type nothing parses), with why. */
  skipped?: { id: string; reason: string }[];
  failed?: { id: string; error: string }[];
  error?: string;
}
