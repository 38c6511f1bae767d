import { z } from "zod";
import { accessKeys } from "./access-keys.ts";
import { normalizeTime } from "./normalize-time.ts";
import type { ChunkNeedingVector, ChunkRecord, ScoredChunk } from "./vector-store.ts";

/** Named vectors of a point: `dense` (cosine) and `lexical` (sparse, IDF applied by Qdrant). */
export const denseVector = "dense";
export const lexicalVector = "lexical";

/** Payload fields a search result needs; the rest (hasVector, updatedAt) are for filtering. */
export const resultPayload = ["documentId", "source", "chunkIndex", "title", "url", "text"];

export interface ChunkPoint {
  id: string;
  vector: Record<string, number[] | { indices: number[]; values: number[] }>;
  payload: Record<string, unknown>;
}

/**
 * A chunk as a Qdrant point. Without a dense vector the point carries only `lexical`, and
 * `hasVector: false` (indexed) is what chunksMissingVectors filters on.
 */
export function chunkPoint(chunk: ChunkRecord): ChunkPoint {
  const vector: ChunkPoint["vector"] = {
    [lexicalVector]: { indices: chunk.lexical.indices, values: chunk.lexical.values },
  };
  if (chunk.vector) vector[denseVector] = chunk.vector;
  return {
    id: chunk.id,
    vector,
    payload: {
      documentId: chunk.documentId,
      source: chunk.source,
      chunkIndex: chunk.chunkIndex,
      title: chunk.title,
      url: chunk.url,
      text: chunk.text,
      updatedAt: normalizeTime(chunk.updatedAt),
      hasVector: chunk.vector !== null,
      accessKeys: accessKeys(chunk.access),
    },
  };
}

const resultSchema = z.object({
  documentId: z.string(),
  source: z.string(),
  chunkIndex: z.number(),
  title: z.string(),
  url: z.string(),
  text: z.string(),
});

const needingVectorSchema = z.object({ title: z.string(), text: z.string() });

interface PointLike {
  id: string | number;
  payload?: Record<string, unknown> | null;
}

export function scoredChunkFromPoint(point: PointLike & { score: number }): ScoredChunk {
  return { id: String(point.id), ...resultSchema.parse(point.payload ?? {}), score: point.score };
}

export function chunkNeedingVectorFromPoint(point: PointLike): ChunkNeedingVector {
  return { id: String(point.id), ...needingVectorSchema.parse(point.payload ?? {}) };
}
