import type { Database } from "#shared/db/database.ts";
import type { SourceConnectionKind, SourceConnectionRow, SourceConnectionState } from "#shared/db/schema.ts";
import { type AppError, ErrorCode, isAppError } from "#shared/errors/app-error.ts";
import type { Embedder } from "#shared/knowledge/embed/embedder.ts";
import type { VectorStore } from "#shared/knowledge/store/vector-store.ts";
import type { Logger } from "#shared/log/logger.ts";
import type { OnSyncProgress } from "./sync-progress.ts";

export type SyncMode = "incremental" | "full";

export interface SourceSyncRequest {
  /** Incremental falls back to full when the connection has no sync state yet. */
  mode: SyncMode;
  /** Items known to have changed (webhooks): an incremental pass looks them up directly. */
  itemIds?: readonly string[];
}

/** Where a pass writes, and the connection as stored when the sync started (its sync state included). */
export interface SourceSyncContext {
  connection: SourceConnectionRow;
  database: Database;
  store: VectorStore;
  /** Null = no embedder: chunks are stored for lexical search only. */
  embedder: Embedder | null;
  logger: Logger;
  onProgress?: OnSyncProgress;
}

/** An item that could not be read: a retryable error leaves the listing incomplete (nothing deleted). */
export interface SourceSyncProblem {
  id: string;
  error: AppError;
}

/** An item deliberately not indexed (a file type nothing parses, a page with no text). */
export interface SkippedItem {
  id: string;
  reason: string;
}

/** What one pass found and did, before syncSource records it on the connection. */
export interface SourcePassResult {
  /** The mode that ran: an incremental sync without a sync state yet runs as full. */
  mode: SyncMode;
  /** True when everything was listed (full) or every changed item was read (incremental). */
  complete: boolean;
  /** Items listed or looked up. */
  seen: number;
  /** Items read. */
  documents: number;
  /** Items whose content was written: new or changed (the rest of those read were unchanged). */
  indexed: number;
  chunks: number;
  embedded: number;
  /** Items found current: read with the same content, or known current without reading. */
  unchanged: number;
  deleted: number;
  pendingVectors: number;
  skipped: SkippedItem[];
  failed: SourceSyncProblem[];
  /** Where the next incremental sync starts (opaque, saved only when the pass succeeded); undefined keeps the stored one. */
  syncState?: unknown;
}

export type SourceSyncReport = Omit<SourcePassResult, "syncState"> & { state: SourceConnectionState };

/**
 * A connection's credential opened for one sync. Listing (or the changes feed) and reading are one
 * call, not two: Notion finds a page's children only by reading it, Drive's changes carry the
 * metadata that decides whether a file is read, and each indexes what it reads in small batches
 * under one request budget. Reading given items is an incremental pass with `itemIds`.
 */
export interface SourceSession {
  /** One pass; throws an AppError in plain words (see `needsReauth`). Deletes only after a complete listing. */
  sync(context: SourceSyncContext, request: SourceSyncRequest): Promise<SourcePassResult>;
}

/**
 * One kind of source (Notion, folders, Drive). The entry point builds each with its I/O and settings
 * and registers it (source-connectors.ts); syncSource knows nothing else about it.
 */
export interface SourceConnector {
  readonly kind: SourceConnectionKind;
  /** How messages name it: "Some of Notion could not be read". */
  readonly displayName: string;
  /**
   * Minutes between the sync role's incremental syncs of each connection (NOTION_SYNC_MINUTES);
   * undefined: the sync role does not schedule this kind (a folder is read where it is).
   */
  readonly syncMinutes: number | undefined;
  /**
   * Gets the connection's credential, refreshing it when due, and a session that syncs with it. A
   * dead or missing credential throws a `needsReauth` error; nothing has been read then.
   */
  open(connection: SourceConnectionRow): Promise<SourceSession>;
}

/**
 * Whether an error means the credential is dead (revoked, expired, missing): the connection needs an
 * admin to reconnect it, and syncing it again before that cannot help. Connectors throw
 * invalid_config for it.
 */
export function needsReauth(error: unknown): error is AppError {
  return isAppError(error) && error.code === ErrorCode.InvalidConfig;
}
