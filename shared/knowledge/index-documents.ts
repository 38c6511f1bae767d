import {
  type DocumentState,
  type DocumentTouch,
  deleteDocuments,
  getDocumentStates,
  touchDocuments,
  upsertDocuments,
} from "../db/document-repository.ts";
import type { Database } from "../db/open-database.ts";
import type { Logger } from "../log/logger.ts";
import { buildChunkRecords } from "./build-chunk-records.ts";
import { contentHash } from "./content-hash.ts";
import type { DocumentAccess, SourceDocument } from "./document.ts";
import type { Embedder } from "./embed/embedder.ts";
import { embedSafely } from "./embed-safely.ts";
import { documentId } from "./ids.ts";
import type { ChunkRecord, VectorStore } from "./store/vector-store.ts";

export interface IndexDependencies {
  database: Database;
  store: VectorStore;
  /** Null = no embedder configured; chunks are stored for lexical search only. */
  embedder: Embedder | null;
  logger: Logger;
}

export interface IndexRequest {
  workspaceId: string;
  source: string;
  documents: Iterable<SourceDocument>;
  /** True when `documents` is everything the source holds: anything else indexed from it is deleted. */
  complete: boolean;
  /** With `complete`, only documents whose external id starts with this are in scope for deletion. */
  scope?: string;
  /**
   * With `complete`, external ids that exist at the source but could not be read this time (corrupt,
   * locked, caught mid-write): their last good version stays indexed instead of being deleted.
   */
  keep?: Iterable<string>;
  /** Chunks written per store call; also the embedding batch. */
  batchSize?: number;
  /**
   * The source's indexed states, when the caller indexes in many small batches (a sync writing as
   * it reads): read once by the caller instead of once per batch, and kept current here.
   */
  states?: Map<string, DocumentState>;
  /** After each document is settled (unchanged, or written with its batch): for a progress display. */
  onProgress?: (progress: { done: number; embedded: number }) => void;
}

export interface IndexReport {
  documents: number;
  chunks: number;
  embedded: number;
  unchanged: number;
  deleted: number;
  /** Unchanged documents whose access list changed: rewritten on their chunks without re-embedding. */
  accessUpdated: number;
  /** Chunks stored without a vector because the embedder was unavailable. */
  pendingVectors: number;
}

/** A report of nothing done yet, for a pass to add to. */
export function emptyIndexReport(): IndexReport {
  return {
    documents: 0,
    chunks: 0,
    embedded: 0,
    unchanged: 0,
    deleted: 0,
    accessUpdated: 0,
    pendingVectors: 0,
  };
}

interface PendingDocument {
  id: string;
  document: SourceDocument;
  hash: string;
  chunkCount: number;
  previousChunkCount: number;
}

/**
 * Brings the index in line with a source's documents. Idempotent: unchanged documents (same hash)
 * cost no embedding and no write; a shrunk document loses its extra chunks; with `complete`,
 * documents no longer listed disappear. Store first, ledger second: a crash in between only causes
 * a harmless re-index next time, never a document the ledger thinks is indexed but is not.
 */
export async function indexDocuments(
  dependencies: IndexDependencies,
  request: IndexRequest,
): Promise<IndexReport> {
  const { database, store, logger } = dependencies;
  const { workspaceId, source } = request;
  const batchSize = request.batchSize ?? 256;
  const states = request.states ?? (await getDocumentStates(database.db, workspaceId, source));
  const seen = new Set<string>();
  const report = emptyIndexReport();
  let embedder = dependencies.embedder;
  let records: ChunkRecord[] = [];
  let pending: PendingDocument[] = [];
  const touched: DocumentTouch[] = [];
  let settled = 0;
  const settle = (count: number) => {
    settled += count;
    request.onProgress?.({ done: settled, embedded: report.embedded });
  };

  const flush = async () => {
    if (pending.length === 0) return;
    const vectors = await embedSafely(
      embedder,
      records.map((record) => ({ title: record.title, text: record.text })),
      logger,
    );
    if (vectors) {
      records.forEach((record, index) => {
        record.vector = vectors[index] ?? null;
      });
      report.embedded += records.length;
    } else {
      // Don't hammer a server that just failed: the rest of this run stores lexical-only chunks.
      if (embedder)
        logger.info("continuing without dense vectors; they are filled in when the embedder is back");
      embedder = null;
      report.pendingVectors += records.length;
    }
    await store.upsert(workspaceId, records);
    for (const item of pending) {
      if (item.previousChunkCount > item.chunkCount) {
        await store.deleteDocumentChunks(workspaceId, item.id, item.chunkCount);
      }
    }
    await upsertDocuments(
      database.db,
      pending.map((item) => ({
        id: item.id,
        workspaceId,
        source,
        externalId: item.document.externalId,
        title: item.document.title,
        url: item.document.url,
        updatedAt: item.document.updatedAt,
        contentHash: item.hash,
        chunkCount: item.chunkCount,
        metadata: item.document.metadata ?? {},
        access: item.document.access ?? null,
      })),
    );
    for (const item of pending) {
      states.set(item.document.externalId, {
        id: item.id,
        contentHash: item.hash,
        chunkCount: item.chunkCount,
        updatedAt: item.document.updatedAt,
        metadata: item.document.metadata ?? {},
        access: item.document.access ?? null,
      });
    }
    const written = pending.length;
    records = [];
    pending = [];
    settle(written);
  };

  for (const document of request.documents) {
    report.documents += 1;
    seen.add(document.externalId);
    const state = states.get(document.externalId);
    const hash = contentHash(document);
    if (state && state.contentHash === hash) {
      report.unchanged += 1;
      const metadata = document.metadata ?? {};
      const access = document.access ?? null;
      const accessChanged = !sameAccess(state.access, access);
      if (accessChanged) {
        // Who may see it changed, not what it says: the chunks' access is rewritten in place, no
        // re-chunking or embedding. Store first, ledger second, as for content.
        await store.setDocumentAccess(workspaceId, state.id, access);
        report.accessUpdated += 1;
      }
      if (
        accessChanged ||
        state.updatedAt.getTime() !== document.updatedAt.getTime() ||
        JSON.stringify(state.metadata) !== JSON.stringify(metadata)
      ) {
        touched.push({ id: state.id, updatedAt: document.updatedAt, metadata, access });
        states.set(document.externalId, { ...state, updatedAt: document.updatedAt, metadata, access });
      }
      settle(1);
      continue;
    }
    const id = documentId(workspaceId, source, document.externalId);
    const documentRecords = buildChunkRecords(document, id);
    report.chunks += documentRecords.length;
    records.push(...documentRecords);
    pending.push({
      id,
      document,
      hash,
      chunkCount: documentRecords.length,
      previousChunkCount: state?.chunkCount ?? 0,
    });
    if (records.length >= batchSize) await flush();
  }
  await flush();
  await touchDocuments(database.db, touched);

  if (request.complete) {
    const scope = request.scope ?? "";
    const kept = new Set(request.keep ?? []);
    const gone = [...states.entries()]
      .filter(
        ([externalId]) => externalId.startsWith(scope) && !seen.has(externalId) && !kept.has(externalId),
      )
      .map(([, state]) => state.id);
    for (const id of gone) await store.deleteDocumentChunks(workspaceId, id, 0);
    if (gone.length > 0) await deleteDocuments(database.db, workspaceId, gone);
    report.deleted = gone.length;
  }
  return report;
}

/** Access lists compared as sets: the order a source lists users or groups in means nothing. */
function sameAccess(left: DocumentAccess | null | undefined, right: DocumentAccess | null): boolean {
  return JSON.stringify(canonicalAccess(left)) === JSON.stringify(canonicalAccess(right));
}

function canonicalAccess(access: DocumentAccess | null | undefined) {
  if (access == null) return null;
  return {
    users: [...new Set(access.users ?? [])].sort(),
    groups: [...new Set(access.groups ?? [])].sort(),
    domains: [...new Set(access.domains ?? [])].sort(),
    public: access.public ?? false,
  };
}
