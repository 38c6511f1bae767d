import { badRequest, type PointId } from "./wire.ts";

export interface SparseVector {
  indices: number[];
  values: number[];
}

export interface StoredPoint {
  id: PointId;
  /** Named dense vectors, normalised on write when the distance is Cosine (as Qdrant does). */
  dense: Map<string, number[]>;
  sparse: Map<string, SparseVector>;
  payload: Record<string, unknown>;
  version: number;
}

export interface DenseConfig {
  size: number;
  distance: "Cosine" | "Dot" | "Euclid" | "Manhattan";
}

export interface Collection {
  name: string;
  dense: Map<string, DenseConfig>;
  /** Sparse vector name → modifier ("idf" or "none"). */
  sparse: Map<string, string>;
  points: Map<string, StoredPoint>;
  /** Field → schema type ("keyword", "integer", "bool", "datetime"…). */
  payloadIndexes: Map<string, string>;
  version: number;
}

/** Points are keyed by their canonical id text, so 7 and "7…uuid" never collide. */
export function pointKey(id: PointId): string {
  return typeof id === "number" ? `n:${id}` : `u:${id}`;
}

/** Builds a collection from a CreateCollection body; only named vectors, as the adapter uses. */
export function createCollection(name: string, body: Record<string, unknown>): Collection {
  const dense = new Map<string, DenseConfig>();
  const vectors = (body.vectors ?? {}) as Record<string, unknown>;
  if (typeof vectors.size === "number") dense.set("", parseDense(vectors));
  else for (const [vectorName, config] of Object.entries(vectors)) dense.set(vectorName, parseDense(config));
  const sparse = new Map<string, string>();
  for (const [vectorName, config] of Object.entries((body.sparse_vectors ?? {}) as Record<string, unknown>)) {
    sparse.set(vectorName, String((config as { modifier?: unknown } | null)?.modifier ?? "none"));
  }
  return { name, dense, sparse, points: new Map(), payloadIndexes: new Map(), version: 0 };
}

function parseDense(config: unknown): DenseConfig {
  const { size, distance } = (config ?? {}) as { size?: unknown; distance?: unknown };
  if (typeof size !== "number" || size < 1) throw badRequest("vector size must be a positive integer");
  if (distance !== "Cosine" && distance !== "Dot" && distance !== "Euclid" && distance !== "Manhattan") {
    throw badRequest(`unknown distance ${JSON.stringify(distance)}`);
  }
  return { size, distance };
}

/** The parts of GET /collections/{name} a client reads, shaped like Qdrant's CollectionInfo. */
export function collectionInfo(collection: Collection): unknown {
  const vectors = Object.fromEntries(collection.dense);
  const sparseVectors = Object.fromEntries(
    [...collection.sparse].map(([name, modifier]) => [name, { modifier }]),
  );
  const indexed = (field: string) =>
    [...collection.points.values()].filter((point) => field in point.payload).length;
  return {
    status: "green",
    optimizer_status: "ok",
    indexed_vectors_count: 0,
    points_count: collection.points.size,
    segments_count: 1,
    config: {
      params: {
        vectors: collection.dense.has("") ? collection.dense.get("") : vectors,
        shard_number: 1,
        replication_factor: 1,
        write_consistency_factor: 1,
        on_disk_payload: true,
        sparse_vectors: sparseVectors,
      },
      hnsw_config: {
        m: 16,
        ef_construct: 100,
        full_scan_threshold: 10000,
        max_indexing_threads: 0,
        on_disk: false,
      },
      optimizer_config: {
        deleted_threshold: 0.2,
        vacuum_min_vector_number: 1000,
        default_segment_number: 0,
        flush_interval_sec: 5,
      },
      wal_config: { wal_capacity_mb: 32, wal_segments_ahead: 0 },
      quantization_config: null,
    },
    payload_schema: Object.fromEntries(
      [...collection.payloadIndexes].map(([field, type]) => [
        field,
        { data_type: type, points: indexed(field) },
      ]),
    ),
  };
}

/** `with_payload`: true (all), false (none), a list of fields, or `{ include }` / `{ exclude }`. */
export function selectPayload(
  payload: Record<string, unknown>,
  selector: unknown,
): Record<string, unknown> | undefined {
  if (selector === true) return payload;
  if (selector === false || selector === undefined || selector === null) return undefined;
  const pick = (fields: string[]) =>
    Object.fromEntries(Object.entries(payload).filter(([key]) => fields.includes(key)));
  if (Array.isArray(selector)) return pick(selector as string[]);
  const { include, exclude } = selector as { include?: string[]; exclude?: string[] };
  if (include) return pick(include);
  if (exclude) return Object.fromEntries(Object.entries(payload).filter(([key]) => !exclude.includes(key)));
  throw badRequest(`unsupported with_payload ${JSON.stringify(selector)}`);
}
