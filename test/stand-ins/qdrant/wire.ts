/** Qdrant's REST envelope and error shapes, as the server sends them. */

/** An error answered the way Qdrant does: `{ status: { error }, time }` with an HTTP status. */
export class QdrantWireError extends Error {
  readonly status: number;

  constructor(status: number, message: string) {
    super(message);
    this.status = status;
  }
}

export function notFound(message: string): QdrantWireError {
  return new QdrantWireError(404, `Not found: ${message}`);
}

export function badRequest(message: string): QdrantWireError {
  return new QdrantWireError(400, `Wrong input: ${message}`);
}

export function okBody(result: unknown, startedAt: number): unknown {
  return { result, status: "ok", time: (performance.now() - startedAt) / 1000 };
}

export function errorBody(message: string, startedAt: number): unknown {
  return { status: { error: message }, time: (performance.now() - startedAt) / 1000 };
}

/** What a write answers with `wait=true`. */
export function updateResult(operationId: number): unknown {
  return { operation_id: operationId, status: "completed" };
}

const uuidPattern = /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i;

export type PointId = string | number;

/** Point ids are unsigned integers or UUIDs; UUIDs come back lowercase and hyphenated. */
export function parsePointId(value: unknown): PointId {
  if (typeof value === "number" && Number.isInteger(value) && value >= 0) return value;
  if (typeof value === "string" && uuidPattern.test(value)) {
    const hex = value.replaceAll("-", "").toLowerCase();
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  }
  throw new QdrantWireError(
    400,
    `Format error in JSON body: value ${JSON.stringify(value)} is not a valid point ID, valid values are either an unsigned integer or a UUID`,
  );
}

/** Qdrant lists integer ids before UUIDs, each in ascending order. */
export function comparePointIds(left: PointId, right: PointId): number {
  if (typeof left === "number" && typeof right === "number") return left - right;
  if (typeof left === "number") return -1;
  if (typeof right === "number") return 1;
  return left < right ? -1 : left > right ? 1 : 0;
}
