import {
  type Collection,
  pointKey,
  type SparseVector,
  type StoredPoint,
  selectPayload,
} from "./collection.ts";
import { comparable, matchesFilter } from "./filter.ts";
import { normalize, runQuery } from "./query.ts";
import {
  badRequest,
  comparePointIds,
  notFound,
  parsePointId,
  QdrantWireError,
  updateResult,
} from "./wire.ts";

type Body = Record<string, unknown>;

/** PUT /collections/{name}/points: insert or overwrite whole points. */
export function upsertPoints(collection: Collection, body: Body): unknown {
  if (!Array.isArray(body.points)) throw badRequest("the stand-in supports the `points` list form only");
  const version = ++collection.version;
  const points = (body.points as Body[]).map((raw) => {
    const point: StoredPoint = {
      id: parsePointId(raw.id),
      dense: new Map(),
      sparse: new Map(),
      payload: {},
      version,
    };
    setVectors(collection, point, raw.vector);
    point.payload = { ...((raw.payload as Body | null | undefined) ?? {}) };
    return point;
  });
  for (const point of points) collection.points.set(pointKey(point.id), point);
  return updateResult(version);
}

/** POST /collections/{name}/points/delete: by `points` ids or by `filter`. */
export function deletePoints(collection: Collection, body: Body): unknown {
  for (const point of selectPoints(collection, body, false)) collection.points.delete(pointKey(point.id));
  return updateResult(++collection.version);
}

/** PUT /collections/{name}/points/vectors: replaces the named vectors given, keeps the others. */
export function updateVectors(collection: Collection, body: Body): unknown {
  const version = ++collection.version;
  const updates = (body.points as Body[]).map((raw) => ({ point: existingPoint(collection, raw.id), raw }));
  for (const { point, raw } of updates) {
    setVectors(collection, point, raw.vector);
    point.version = version;
  }
  return updateResult(version);
}

/** POST /collections/{name}/points/payload: merges keys into the payload of the selected points. */
export function setPayload(collection: Collection, body: Body): unknown {
  const payload = (body.payload ?? {}) as Body;
  for (const point of selectPoints(collection, body, true)) point.payload = { ...point.payload, ...payload };
  return updateResult(++collection.version);
}

/** POST /collections/{name}/points/scroll: by id, or by an indexed payload field with `order_by`. */
export function scrollPoints(collection: Collection, body: Body): unknown {
  const limit = typeof body.limit === "number" ? body.limit : 10;
  const matching = [...collection.points.values()].filter((point) => matchesFilter(body.filter, point));
  const withPayload = body.with_payload ?? true;
  if (body.order_by !== undefined && body.order_by !== null) {
    const orderBy = typeof body.order_by === "string" ? { key: body.order_by } : (body.order_by as Body);
    const key = String(orderBy.key);
    const type = collection.payloadIndexes.get(key);
    if (!type || !["integer", "float", "datetime"].includes(type)) {
      throw new QdrantWireError(
        400,
        `Bad request: No range index for \`order_by\` key: \`${key}\`. Please create one to use \`order_by\`.`,
      );
    }
    const sign = orderBy.direction === "desc" ? -1 : 1;
    const ordered = matching
      .map((point) => ({ point, value: comparable(point.payload[key]) }))
      .filter((entry): entry is { point: StoredPoint; value: number } => entry.value !== null)
      .sort((left, right) => sign * (left.value - right.value));
    const points = ordered
      .slice(0, limit)
      .map(({ point, value }) => ({ ...record(point, withPayload, body.with_vector), order_value: value }));
    // Qdrant does not paginate ordered scrolls with an offset id.
    return { points, next_page_offset: null };
  }
  const sorted = matching.sort((left, right) => comparePointIds(left.id, right.id));
  const start = body.offset === undefined || body.offset === null ? null : parsePointId(body.offset);
  const from = start === null ? sorted : sorted.filter((point) => comparePointIds(point.id, start) >= 0);
  return {
    points: from.slice(0, limit).map((point) => record(point, withPayload, body.with_vector)),
    next_page_offset: from[limit]?.id ?? null,
  };
}

/** POST /collections/{name}/points/count */
export function countPoints(collection: Collection, body: Body): unknown {
  return {
    count: [...collection.points.values()].filter((point) => matchesFilter(body.filter, point)).length,
  };
}

/** POST /collections/{name}/points: the points among `ids` that exist, in the order asked. */
export function retrievePoints(collection: Collection, body: Body): unknown {
  const ids = ((body.ids ?? []) as unknown[]).map(parsePointId);
  return ids.flatMap((id) => {
    const point = collection.points.get(pointKey(id));
    return point ? [record(point, body.with_payload ?? true, body.with_vector)] : [];
  });
}

/** POST /collections/{name}/points/query */
export function queryPoints(collection: Collection, body: Body): unknown {
  const points = runQuery(collection, body).map(({ point, score }) => {
    const payload = selectPayload(point.payload, body.with_payload ?? false);
    return { id: point.id, version: point.version, score, ...(payload ? { payload } : {}) };
  });
  return { points };
}

function record(point: StoredPoint, withPayload: unknown, withVector: unknown): Body {
  const payload = selectPayload(point.payload, withPayload);
  const wanted = (name: string) =>
    withVector === true || (Array.isArray(withVector) && withVector.includes(name));
  const vectors: Record<string, number[] | SparseVector> = {};
  for (const [name, vector] of point.dense) if (wanted(name)) vectors[name] = vector;
  for (const [name, vector] of point.sparse) if (wanted(name)) vectors[name] = vector;
  return {
    id: point.id,
    ...(payload ? { payload } : {}),
    ...(Object.keys(vectors).length > 0 ? { vector: vectors } : {}),
  };
}

function existingPoint(collection: Collection, rawId: unknown): StoredPoint {
  const id = parsePointId(rawId);
  const point = collection.points.get(pointKey(id));
  if (!point) throw notFound(`No point with id ${id} found`);
  return point;
}

/** `points` (ids; missing ones are an error when `mustExist`) or `filter`. */
function selectPoints(collection: Collection, body: Body, mustExist: boolean): StoredPoint[] {
  if (Array.isArray(body.points)) {
    return body.points.flatMap((rawId) => {
      if (mustExist) return [existingPoint(collection, rawId)];
      const point = collection.points.get(pointKey(parsePointId(rawId)));
      return point ? [point] : [];
    });
  }
  if (body.filter)
    return [...collection.points.values()].filter((point) => matchesFilter(body.filter, point));
  throw badRequest("either `points` or `filter` is required");
}

/** Named vectors: dense arrays checked against the collection's size, sparse vectors validated. */
function setVectors(collection: Collection, point: StoredPoint, raw: unknown): void {
  const named = Array.isArray(raw) ? { "": raw } : ((raw ?? {}) as Record<string, unknown>);
  for (const [name, vector] of Object.entries(named)) {
    const dense = collection.dense.get(name);
    if (dense && Array.isArray(vector)) {
      if (vector.length !== dense.size) {
        throw badRequest(`Vector dimension error: expected dim: ${dense.size}, got ${vector.length}`);
      }
      point.dense.set(
        name,
        dense.distance === "Cosine" ? normalize(vector as number[]) : [...(vector as number[])],
      );
    } else if (
      collection.sparse.has(name) &&
      vector &&
      typeof vector === "object" &&
      !Array.isArray(vector)
    ) {
      point.sparse.set(name, parseSparse(vector as Body));
    } else {
      throw badRequest(`Not existing vector name error: ${name}`);
    }
  }
}

function parseSparse(vector: Body): SparseVector {
  const indices = vector.indices as number[];
  const values = vector.values as number[];
  if (!Array.isArray(indices) || !Array.isArray(values) || indices.length !== values.length) {
    throw new QdrantWireError(
      422,
      "Validation error in JSON body: indices and values must have the same length",
    );
  }
  if (new Set(indices).size !== indices.length) {
    throw new QdrantWireError(422, "Validation error in JSON body: indices must be unique");
  }
  return { indices: [...indices], values: [...values] };
}
