import type { IngestProgress } from "#connectors/files/ingest-progress.ts";

/**
 * How far a source sync has got, for whoever watches (the CLI draws it on a terminal). A listing's
 * size is not known until it ends, so it counts up: pages settled (read and written, or found
 * current) and chunks embedded.
 */
export interface SyncProgress {
  pages: number;
  embedded: number;
  /**
   * Set by a source that knows its size up front (a folder: files counted before reading), so the
   * CLI can draw a bar with an ETA: the phase, and how many items it has.
   */
  bounded?: IngestProgress;
}

export type OnSyncProgress = (progress: SyncProgress) => void;
