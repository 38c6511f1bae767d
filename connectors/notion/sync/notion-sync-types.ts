import type { Client } from "@notionhq/client";
import type { OnSyncProgress } from "#connectors/sources/sync-progress.ts";
import type { Database } from "#shared/db/database.ts";
import type { SourceConnectionState } from "#shared/db/schema.ts";
import type { Embedder } from "#shared/knowledge/embed/embedder.ts";
import type { VectorStore } from "#shared/knowledge/store/vector-store.ts";
import type { Logger } from "#shared/log/logger.ts";
import type { NotionCrawlFailure } from "../crawl/crawl-notion.ts";

export type NotionSyncMode = "incremental" | "full";

/** Which connection a pass syncs: its workspace and the `source` its documents are indexed under. */
export interface NotionSyncTarget {
  workspaceId: string;
  source: string;
}

export interface NotionSyncDependencies {
  client: Client;
  database: Database;
  store: VectorStore;
  /** Null = no embedder: chunks are stored for lexical search only. */
  embedder: Embedder | null;
  logger: Logger;
  /** Pages settled so far, for a progress display. */
  onProgress?: OnSyncProgress;
}

export interface NotionSyncReport {
  /** The mode that ran: an incremental sync without a cursor yet runs as full. */
  mode: NotionSyncMode;
  state: SourceConnectionState;
  /** True when everything was listed (full) or every changed page was read (incremental). */
  complete: boolean;
  documents: number;
  chunks: number;
  embedded: number;
  unchanged: number;
  deleted: number;
  pendingVectors: number;
  failed: NotionCrawlFailure[];
  /** The newest last_edited_time seen, or null when nothing was seen. */
  cursor: Date | null;
}

/** What one pass (full or incremental) found and did, before the connection's state is written. */
export type NotionPassResult = Omit<NotionSyncReport, "mode" | "state">;
