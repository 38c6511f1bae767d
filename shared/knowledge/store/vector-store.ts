import type { DocumentAccess } from "../document.ts";
import type { SparseVector } from "../lexical/sparse-vector.ts";
import type { AccessViewer } from "./access-keys.ts";

/** What the store keeps for each chunk. */
export interface ChunkRecord {
  /** Deterministic UUID derived from (documentId, chunkIndex). */
  id: string;
  documentId: string;
  source: string;
  chunkIndex: number;
  title: string;
  url: string;
  text: string;
  /** Analyzed terms (folded, stemmed, stop words removed) joined by spaces: the full-text index input. */
  lexicalText: string;
  /** BM25-weighted sparse vector of the same terms (Qdrant applies IDF server-side). */
  lexical: SparseVector;
  /** Dense vector, or null while the embedder is unavailable (filled in later). */
  vector: number[] | null;
  /** ISO time the document was last updated at its source. */
  updatedAt: string;
  /** The document's access list; null or left out = everyone in the workspace. */
  access?: DocumentAccess | null;
}

export interface StoreQuery {
  /** Dense query vector; null = lexical only (embedder down). */
  vector: number[] | null;
  /** Analyzed query terms (space-joined) for the full-text index. */
  lexicalText: string;
  lexical: SparseVector;
  limit: number;
  /** Restrict to these sources (e.g. ["notion"]). */
  sources?: string[];
  /** Restrict to chunks this viewer may see (see access-keys.ts); left out = no restriction. */
  viewer?: AccessViewer;
}

/** A search result: the chunk's readable fields and its score. */
export type ScoredChunk = Pick<
  ChunkRecord,
  "id" | "documentId" | "source" | "chunkIndex" | "title" | "url" | "text"
> & {
  /** Fused score: higher is better; only comparable within one result list. */
  score: number;
};

export interface ChunkNeedingVector {
  id: string;
  title: string;
  text: string;
}

/**
 * The narrow interface the indexer and search use. One adapter per engine (LanceDB, Qdrant),
 * all passing test/contracts/vector-store-contract.ts. Every method is scoped to one workspace:
 * nothing written for one workspace can be read through another.
 */
export interface VectorStore {
  readonly name: string;
  /** Inserts or replaces chunks by id. */
  upsert(workspaceId: string, chunks: ChunkRecord[]): Promise<void>;
  /** Deletes a document's chunks with chunkIndex >= fromIndex (0 = all of them). */
  deleteDocumentChunks(workspaceId: string, documentId: string, fromIndex?: number): Promise<void>;
  /** Hybrid search: dense + lexical fused with reciprocal rank fusion; lexical only when vector is null. */
  search(workspaceId: string, query: StoreQuery): Promise<ScoredChunk[]>;
  /** Chunks stored without a dense vector, oldest first, at most `limit`. */
  chunksMissingVectors(workspaceId: string, limit: number): Promise<ChunkNeedingVector[]>;
  /**
   * Replaces the access list on every chunk of a document (an access-only change: no re-embedding).
   * A document with no chunks is a no-op.
   */
  setDocumentAccess(workspaceId: string, documentId: string, access: DocumentAccess | null): Promise<void>;
  /** Fills in dense vectors for chunks that lack them. Unknown ids are ignored. */
  setVectors(workspaceId: string, items: { id: string; vector: number[] }[]): Promise<void>;
  countChunks(workspaceId: string): Promise<number>;
  /** Removes everything stored for a workspace. */
  dropWorkspace(workspaceId: string): Promise<void>;
  /** Checks the engine answers; throws AppError(unavailable) with a hint when not. */
  ping(): Promise<void>;
  close(): Promise<void>;
}
