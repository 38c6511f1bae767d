import type { QdrantClient } from "@qdrant/js-client-rest";
import { AppError, ErrorCode } from "../../errors/app-error.ts";
import { isQdrantNotFound, qdrantStatus } from "./qdrant-errors.ts";
import { denseVector, lexicalVector } from "./qdrant-points.ts";

type FieldSchema = "keyword" | "integer" | "bool" | "datetime";

/** Every field a filter or an ordering uses gets an index; unindexed filters scan the collection. */
const payloadIndexes: [string, FieldSchema][] = [
  ["documentId", "keyword"],
  ["source", "keyword"],
  ["chunkIndex", "integer"],
  ["hasVector", "bool"],
  ["updatedAt", "datetime"],
  ["accessKeys", "keyword"],
];

export interface QdrantCollections {
  /** The workspace's collection, created (with its payload indexes) if it does not exist yet. */
  ensure(collection: string): Promise<void>;
  /** Forgets that a collection exists (after it was dropped). */
  forget(collection: string): void;
}

export function createQdrantCollections(client: QdrantClient, dimensions: number): QdrantCollections {
  const ready = new Map<string, Promise<void>>();

  const create = async (collection: string) => {
    try {
      await client.createCollection(collection, {
        vectors: { [denseVector]: { size: dimensions, distance: "Cosine" } },
        sparse_vectors: { [lexicalVector]: { modifier: "idf" } },
      });
    } catch (error) {
      // Created meanwhile by another process: same settings, carry on.
      if (qdrantStatus(error) !== 409) throw error;
    }
    for (const [field, schema] of payloadIndexes) {
      await client.createPayloadIndex(collection, { field_name: field, field_schema: schema, wait: true });
    }
  };

  const check = async (collection: string) => {
    let info: Awaited<ReturnType<QdrantClient["getCollection"]>>;
    try {
      info = await client.getCollection(collection);
    } catch (error) {
      if (isQdrantNotFound(error)) return create(collection);
      throw error;
    }
    const vectors = info.config.params.vectors as Record<string, { size?: number } | undefined> | undefined;
    const size = vectors?.[denseVector]?.size;
    if (size !== dimensions) {
      throw new AppError(
        ErrorCode.InvalidConfig,
        `Qdrant collection ${collection} holds ${size ?? "no"}-dimension "${denseVector}" vectors; the store is configured for ${dimensions}.`,
        { hint: "Set the embedding dimensions back, or use another collection prefix and re-index." },
      );
    }
  };

  return {
    ensure(collection) {
      let promise = ready.get(collection);
      if (!promise) {
        promise = check(collection);
        ready.set(collection, promise);
        const settled = promise;
        settled.catch(() => {
          if (ready.get(collection) === settled) ready.delete(collection);
        });
      }
      return promise;
    },
    forget(collection) {
      ready.delete(collection);
    },
  };
}
