import type { Client } from "@notionhq/client";
import type { OnSyncProgress } from "#connectors/sources/sync-progress.ts";
import type { Database } from "#shared/db/database.ts";
import type { Embedder } from "#shared/knowledge/embed/embedder.ts";
import type { VectorStore } from "#shared/knowledge/store/vector-store.ts";
import type { Logger } from "#shared/log/logger.ts";
import type { NotionCrawlFailure } from "../crawl/crawl-notion.ts";

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

/** What one pass (full or incremental) found and did, before the connection's state is written. */
export interface NotionPassResult {
  /** True when everything was listed (full) or every changed page was read (incremental). */
  complete: boolean;
  documents: number;
  /** Pages whose content was written: new or changed. */
  indexed: number;
  chunks: number;
  embedded: number;
  unchanged: number;
  deleted: number;
  pendingVectors: number;
  failed: NotionCrawlFailure[];
  /** The newest last_edited_time seen, or null when nothing was seen. */
  cursor: Date | null;
}
