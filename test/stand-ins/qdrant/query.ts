import type { Collection, SparseVector, StoredPoint } from "./collection.ts";
import { matchesFilter } from "./filter.ts";
import { badRequest, comparePointIds } from "./wire.ts";

export interface ScoredPoint {
  point: StoredPoint;
  score: number;
}

type Request = Record<string, unknown>;

/** Qdrant's default RRF constant, with 0-based positions: score = Σ 1 / (position + k). */
const qdrantRrfK = 2;

/**
 * The universal query API for what the adapter sends: nearest search on a named dense or sparse
 * vector, and prefetches fused by RRF. A query's filter also applies to its prefetches.
 */
export function runQuery(
  collection: Collection,
  request: Request,
  inheritedFilter: unknown = null,
): ScoredPoint[] {
  const filter = bothFilters(inheritedFilter, request.filter);
  const limit = typeof request.limit === "number" ? request.limit : 10;
  const offset = typeof request.offset === "number" ? request.offset : 0;
  const prefetches =
    request.prefetch === undefined || request.prefetch === null ? [] : [request.prefetch].flat();
  const candidates = prefetches.map((prefetch) => runQuery(collection, prefetch as Request, filter));
  const query = request.query as Request | number[] | null | undefined;
  let scored: ScoredPoint[];
  if (query && !Array.isArray(query) && ("fusion" in query || "rrf" in query)) {
    if (query.fusion !== undefined && query.fusion !== "rrf")
      throw badRequest(`unsupported fusion ${query.fusion}`);
    if (candidates.length === 0) throw badRequest("fusion needs at least one prefetch");
    const k = (query.rrf as { k?: number } | undefined)?.k ?? qdrantRrfK;
    scored = reciprocalRankFusion(candidates, k);
  } else if (query) {
    const pool = candidates.length > 0 ? uniquePoints(candidates) : filtered(collection, filter);
    const input = !Array.isArray(query) && "nearest" in query ? query.nearest : query;
    scored = nearest(collection, pool, input, typeof request.using === "string" ? request.using : "");
  } else {
    throw badRequest("the stand-in needs a query");
  }
  const threshold = typeof request.score_threshold === "number" ? request.score_threshold : null;
  return scored
    .filter((entry) => threshold === null || entry.score >= threshold)
    .slice(offset, offset + limit);
}

function bothFilters(first: unknown, second: unknown): unknown {
  if (!first) return second ?? null;
  if (!second) return first;
  return { must: [first, second] };
}

function filtered(collection: Collection, filter: unknown): StoredPoint[] {
  return [...collection.points.values()]
    .filter((point) => matchesFilter(filter, point))
    .sort((left, right) => comparePointIds(left.id, right.id));
}

function uniquePoints(lists: ScoredPoint[][]): StoredPoint[] {
  const byId = new Map<string, StoredPoint>();
  for (const entry of lists.flat()) byId.set(String(entry.point.id), entry.point);
  return [...byId.values()];
}

function nearest(collection: Collection, pool: StoredPoint[], input: unknown, using: string): ScoredPoint[] {
  let scored: ScoredPoint[];
  if (Array.isArray(input)) scored = denseScores(collection, pool, input as number[], using);
  else if (input && typeof input === "object" && "indices" in input) {
    scored = sparseScores(collection, pool, input as SparseVector, using);
  } else throw badRequest(`unsupported query ${JSON.stringify(input)}`);
  return scored.sort((left, right) => right.score - left.score);
}

function denseScores(
  collection: Collection,
  pool: StoredPoint[],
  vector: number[],
  using: string,
): ScoredPoint[] {
  const config = collection.dense.get(using);
  if (!config) throw badRequest(`Not existing vector name error: ${using}`);
  if (vector.length !== config.size) {
    throw badRequest(`Vector dimension error: expected dim: ${config.size}, got ${vector.length}`);
  }
  if (config.distance !== "Cosine" && config.distance !== "Dot")
    throw badRequest("stand-in supports Cosine and Dot");
  const query = config.distance === "Cosine" ? normalize(vector) : vector;
  return pool.flatMap((point) => {
    const stored = point.dense.get(using);
    return stored ? [{ point, score: dot(stored, query) }] : [];
  });
}

/** Dot product over shared indices; with the IDF modifier each query weight is scaled by the term's IDF. */
function sparseScores(
  collection: Collection,
  pool: StoredPoint[],
  query: SparseVector,
  using: string,
): ScoredPoint[] {
  const modifier = collection.sparse.get(using);
  if (modifier === undefined) throw badRequest(`Not existing vector name error: ${using}`);
  const weights = new Map<number, number>();
  query.indices.forEach((index, position) => {
    weights.set(
      index,
      (query.values[position] ?? 0) * (modifier === "idf" ? idf(collection, using, index) : 1),
    );
  });
  return pool.flatMap((point) => {
    const stored = point.sparse.get(using);
    if (!stored) return [];
    let score = 0;
    let overlap = false;
    stored.indices.forEach((index, position) => {
      const weight = weights.get(index);
      if (weight === undefined) return;
      overlap = true;
      score += weight * (stored.values[position] ?? 0);
    });
    return overlap ? [{ point, score }] : [];
  });
}

/** Qdrant's IDF over the whole collection: ln(1 + (N − n + 0.5) / (n + 0.5)). */
function idf(collection: Collection, using: string, index: number): number {
  let total = 0;
  let containing = 0;
  for (const point of collection.points.values()) {
    const vector = point.sparse.get(using);
    if (!vector) continue;
    total += 1;
    if (vector.indices.includes(index)) containing += 1;
  }
  return Math.log(1 + (total - containing + 0.5) / (containing + 0.5));
}

function reciprocalRankFusion(lists: ScoredPoint[][], k: number): ScoredPoint[] {
  const fused = new Map<string, ScoredPoint>();
  for (const list of lists) {
    list.forEach((entry, position) => {
      const key = String(entry.point.id);
      const contribution = 1 / (position + k);
      const existing = fused.get(key);
      if (existing) existing.score += contribution;
      else fused.set(key, { point: entry.point, score: contribution });
    });
  }
  return [...fused.values()].sort((left, right) => right.score - left.score);
}

export function normalize(vector: readonly number[]): number[] {
  const length = Math.hypot(...vector);
  return length === 0 ? [...vector] : vector.map((value) => value / length);
}

function dot(left: readonly number[], right: readonly number[]): number {
  let sum = 0;
  for (let index = 0; index < left.length; index++) sum += (left[index] ?? 0) * (right[index] ?? 0);
  return sum;
}
