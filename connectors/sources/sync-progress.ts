/**
 * How far a source sync has got, for whoever watches (the CLI draws it on a terminal). A listing's
 * size is not known until it ends, so it counts up: pages settled (read and written, or found
 * current) and chunks embedded.
 */
export interface SyncProgress {
  pages: number;
  embedded: number;
}

export type OnSyncProgress = (progress: SyncProgress) => void;
