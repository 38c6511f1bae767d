import { QdrantClient } from "@qdrant/js-client-rest";
import { AppError, ErrorCode, errorMessage } from "../../errors/app-error.ts";
import { parseWorkspaceId } from "../../workspace/workspace-id.ts";
import { type AccessViewer, accessKeys, viewerKeys } from "./access-keys.ts";
import { assertDimensions } from "./assert-dimensions.ts";
import { createQdrantCollections } from "./qdrant-collections.ts";
import { isQdrantNotFound, qdrantAppError } from "./qdrant-errors.ts";
import {
  chunkNeedingVectorFromPoint,
  chunkPoint,
  denseVector,
  lexicalVector,
  resultPayload,
  scoredChunkFromPoint,
} from "./qdrant-points.ts";
import type { StoreQuery, VectorStore } from "./vector-store.ts";

export interface QdrantStoreOptions {
  /** e.g. http://localhost:6333 */
  url: string;
  apiKey?: string;
  dimensions: number;
  /** Collections are named prefix + workspace id. */
  collectionPrefix?: string;
  /** Per request; default 30 s. */
  timeoutMs?: number;
}

const upsertBatchSize = 256;
/** Each prefetch returns this many times the limit, so fusion has room. */
const candidateFactor = 3;
const minimumCandidates = 30;

/**
 * Qdrant, one collection per workspace: a named dense vector (cosine) plus a sparse lexical vector
 * with IDF applied server-side; hybrid search prefetches both and fuses them with RRF.
 */
export function createQdrantStore(options: QdrantStoreOptions): VectorStore {
  const { url, dimensions } = options;
  const prefix = options.collectionPrefix ?? "sabio_";
  let client: QdrantClient;
  try {
    client = new QdrantClient({
      url,
      ...(options.apiKey ? { apiKey: options.apiKey } : {}),
      timeout: options.timeoutMs ?? 30_000,
      // The version probe would fire a request at construction and log when Qdrant is down.
      checkCompatibility: false,
    });
  } catch (error) {
    throw new AppError(ErrorCode.InvalidConfig, `Invalid Qdrant URL ${url}: ${errorMessage(error)}`, {
      cause: error,
    });
  }
  const collections = createQdrantCollections(client, dimensions);
  const collectionName = (workspaceId: string) => `${prefix}${parseWorkspaceId(workspaceId)}`;

  /** Runs a call, mapping errors; a missing collection yields `empty` (never written or dropped). */
  const read = async <T>(
    workspaceId: string,
    empty: T,
    call: (collection: string) => Promise<T>,
  ): Promise<T> => {
    const collection = collectionName(workspaceId);
    try {
      return await call(collection);
    } catch (error) {
      if (isQdrantNotFound(error)) return empty;
      throw qdrantAppError(error, url);
    }
  };

  /** Writes create the collection first; if it vanished meanwhile (dropped), once more. */
  const write = async (workspaceId: string, call: (collection: string) => Promise<void>): Promise<void> => {
    const collection = collectionName(workspaceId);
    for (let attempt = 1; ; attempt++) {
      try {
        await collections.ensure(collection);
        await call(collection);
        return;
      } catch (error) {
        if (!isQdrantNotFound(error) || attempt === 2) throw qdrantAppError(error, url);
        collections.forget(collection);
      }
    }
  };

  const searchRequest = (query: StoreQuery) => {
    const must = [
      ...(query.sources ? [{ key: "source", match: { any: query.sources } }] : []),
      ...(query.viewer ? [viewerCondition(query.viewer)] : []),
    ];
    const filter = must.length > 0 ? { must } : null;
    const scope = filter ? { filter } : {};
    const common = { limit: query.limit, with_payload: resultPayload, with_vector: false };
    const lexical = query.lexical.indices.length > 0 ? query.lexical : null;
    if (query.vector && lexical) {
      const candidates = Math.max(query.limit * candidateFactor, minimumCandidates);
      return {
        ...common,
        prefetch: [
          { query: query.vector, using: denseVector, limit: candidates, ...scope },
          { query: lexical, using: lexicalVector, limit: candidates, ...scope },
        ],
        query: { fusion: "rrf" as const },
      };
    }
    if (query.vector) return { ...common, ...scope, query: query.vector, using: denseVector };
    if (lexical) return { ...common, ...scope, query: lexical, using: lexicalVector };
    return null;
  };

  return {
    name: "qdrant",

    async upsert(workspaceId, chunks) {
      if (chunks.length === 0) return;
      for (const chunk of chunks) if (chunk.vector) assertDimensions(chunk.vector, dimensions);
      await write(workspaceId, async (collection) => {
        for (let start = 0; start < chunks.length; start += upsertBatchSize) {
          const points = chunks.slice(start, start + upsertBatchSize).map(chunkPoint);
          await client.upsert(collection, { wait: true, points });
        }
      });
    },

    async deleteDocumentChunks(workspaceId, documentId, fromIndex = 0) {
      await read(workspaceId, undefined, async (collection) => {
        const must = [
          { key: "documentId", match: { value: documentId } },
          { key: "chunkIndex", range: { gte: fromIndex } },
        ];
        await client.delete(collection, { wait: true, filter: { must } });
      });
    },

    async search(workspaceId, query) {
      if (query.limit <= 0 || query.sources?.length === 0) return [];
      if (query.vector) assertDimensions(query.vector, dimensions);
      const request = searchRequest(query);
      if (!request) return [];
      return read(workspaceId, [], async (collection) => {
        const response = await client.query(collection, request);
        return response.points.map(scoredChunkFromPoint);
      });
    },

    async chunksMissingVectors(workspaceId, limit) {
      if (limit <= 0) return [];
      return read(workspaceId, [], async (collection) => {
        const page = await client.scroll(collection, {
          filter: { must: [{ key: "hasVector", match: { value: false } }] },
          order_by: { key: "updatedAt", direction: "asc" },
          limit,
          with_payload: ["title", "text"],
          with_vector: false,
        });
        return page.points.map(chunkNeedingVectorFromPoint);
      });
    },

    async setDocumentAccess(workspaceId, documentId, access) {
      await read(workspaceId, undefined, async (collection) => {
        // Payload only: the points' vectors are untouched.
        await client.setPayload(collection, {
          wait: true,
          payload: { accessKeys: accessKeys(access) },
          filter: { must: [{ key: "documentId", match: { value: documentId } }] },
        });
      });
    },

    async setVectors(workspaceId, items) {
      if (items.length === 0) return;
      for (const item of items) assertDimensions(item.vector, dimensions);
      const byId = new Map(items.map((item) => [item.id, item.vector]));
      await read(workspaceId, undefined, async (collection) => {
        // Updating a point that does not exist fails the whole call: keep to the ones that do.
        const existing = await client.retrieve(collection, { ids: [...byId.keys()], with_payload: false });
        const ids = existing.map((point) => String(point.id)).filter((id) => byId.has(id));
        if (ids.length === 0) return;
        const points = ids.map((id) => ({ id, vector: { [denseVector]: byId.get(id) ?? [] } }));
        await client.updateVectors(collection, { wait: true, points });
        // Second step: if it fails, the chunk is embedded again later — harmless.
        await client.setPayload(collection, { wait: true, payload: { hasVector: true }, points: ids });
      });
    },

    countChunks: (workspaceId) =>
      read(workspaceId, 0, async (collection) => (await client.count(collection, { exact: true })).count),

    async dropWorkspace(workspaceId) {
      const collection = collectionName(workspaceId);
      collections.forget(collection);
      await read(workspaceId, undefined, async () => {
        await client.deleteCollection(collection);
      });
      collections.forget(collection);
    },

    async ping() {
      try {
        await client.getCollections();
      } catch (error) {
        throw qdrantAppError(error, url);
      }
    },

    async close() {
      // The client keeps no state worth releasing; its keep-alive sockets close on their own.
    },
  };
}

/** Visible to the viewer: any of its keys on the point, or no keys (written before access was stored). */
function viewerCondition(viewer: AccessViewer) {
  return {
    should: [{ key: "accessKeys", match: { any: viewerKeys(viewer) } }, { is_empty: { key: "accessKeys" } }],
  };
}
