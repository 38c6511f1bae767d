import { errorMessage } from "../errors/app-error.ts";
import type { Logger } from "../log/logger.ts";
import type { Embedder } from "./embed/embedder.ts";
import type { VectorStore } from "./store/vector-store.ts";

export interface BackfillResult {
  embedded: number;
  /** True when the embedder failed before every chunk had its vector. */
  incomplete: boolean;
}

/**
 * Fills in dense vectors for chunks stored while the embedder was down. Safe to run any time and
 * from several places (after an ingest, from the embeddings queue): it only touches chunks that
 * still lack a vector.
 */
export async function backfillVectors(
  dependencies: { store: VectorStore; embedder: Embedder; logger: Logger },
  workspaceId: string,
  options: { batchSize?: number; maxChunks?: number } = {},
): Promise<BackfillResult> {
  const { store, embedder, logger } = dependencies;
  const batchSize = options.batchSize ?? 128;
  const maxChunks = options.maxChunks ?? Number.POSITIVE_INFINITY;
  let embedded = 0;
  while (embedded < maxChunks) {
    const missing = await store.chunksMissingVectors(workspaceId, Math.min(batchSize, maxChunks - embedded));
    if (missing.length === 0) return { embedded, incomplete: false };
    let vectors: number[][];
    try {
      vectors = await embedder.embedDocuments(
        missing.map((chunk) => ({ title: chunk.title, text: chunk.text })),
      );
    } catch (error) {
      logger.warn({ err: errorMessage(error), workspaceId }, "vector backfill paused: embedder unavailable");
      return { embedded, incomplete: true };
    }
    await store.setVectors(
      workspaceId,
      missing.flatMap((chunk, index) => {
        const vector = vectors[index];
        return vector ? [{ id: chunk.id, vector }] : [];
      }),
    );
    embedded += missing.length;
  }
  return { embedded, incomplete: true };
}
