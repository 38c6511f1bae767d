import type { StoredPoint } from "./collection.ts";
import { badRequest, parsePointId } from "./wire.ts";

type Condition = Record<string, unknown>;

/**
 * Qdrant filter semantics for the subset the adapter sends: `must` / `should` / `must_not`
 * clauses (one condition or a list), field conditions with `match` (value, any, except) and
 * `range`, `has_id`, and nested filters. Anything else is rejected, so a test notices.
 */
export function matchesFilter(filter: unknown, point: StoredPoint): boolean {
  if (filter === undefined || filter === null) return true;
  const clauses = filter as Record<string, unknown>;
  const list = (value: unknown): Condition[] =>
    value === undefined || value === null ? [] : ((Array.isArray(value) ? value : [value]) as Condition[]);
  const must = list(clauses.must);
  const should = list(clauses.should);
  const mustNot = list(clauses.must_not);
  return (
    must.every((condition) => matchesCondition(condition, point)) &&
    (should.length === 0 || should.some((condition) => matchesCondition(condition, point))) &&
    !mustNot.some((condition) => matchesCondition(condition, point))
  );
}

function matchesCondition(condition: Condition, point: StoredPoint): boolean {
  if ("must" in condition || "should" in condition || "must_not" in condition)
    return matchesFilter(condition, point);
  if ("has_id" in condition) {
    const ids = (condition.has_id as unknown[]).map((id) => String(parsePointId(id)));
    return ids.includes(String(point.id));
  }
  if ("is_empty" in condition) {
    // Qdrant: the field is missing, null or an empty array.
    const key = (condition.is_empty as Condition).key;
    if (typeof key !== "string") throw badRequest(`unsupported condition ${JSON.stringify(condition)}`);
    return fieldValues(point.payload, key).every((value) => value === null || value === undefined);
  }
  if (typeof condition.key !== "string")
    throw badRequest(`unsupported condition ${JSON.stringify(condition)}`);
  const values = fieldValues(point.payload, condition.key);
  if (condition.match) return values.some((value) => matchesMatch(condition.match as Condition, value));
  if (condition.range) return values.some((value) => inRange(condition.range as Condition, value));
  throw badRequest(`unsupported field condition ${JSON.stringify(condition)}`);
}

/** Arrays match when any element does, as in Qdrant. */
function fieldValues(payload: Record<string, unknown>, key: string): unknown[] {
  let value: unknown = payload;
  for (const part of key.split(".")) value = (value as Record<string, unknown> | undefined)?.[part];
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

function matchesMatch(match: Condition, value: unknown): boolean {
  if ("value" in match) return match.value === value;
  if ("any" in match) return (match.any as unknown[]).includes(value);
  if ("except" in match) return !(match.except as unknown[]).includes(value);
  throw badRequest(`unsupported match ${JSON.stringify(match)}`);
}

function inRange(range: Condition, value: unknown): boolean {
  const number = comparable(value);
  if (number === null) return false;
  const bound = (name: string) =>
    range[name] === undefined || range[name] === null ? null : comparable(range[name]);
  const gt = bound("gt");
  const gte = bound("gte");
  const lt = bound("lt");
  const lte = bound("lte");
  return (
    (gt === null || number > gt) &&
    (gte === null || number >= gte) &&
    (lt === null || number < lt) &&
    (lte === null || number <= lte)
  );
}

/** Numbers compare as numbers; RFC 3339 strings (datetime ranges) as instants. */
export function comparable(value: unknown): number | null {
  if (typeof value === "number") return value;
  if (typeof value === "string") {
    const time = Date.parse(value);
    return Number.isNaN(time) ? null : time;
  }
  return null;
}
