import { validationError } from "./notion-api-error.ts";
import type { StoredPage } from "./notion-workspace.ts";

type Condition = Partial<Record<"equals" | "before" | "after" | "on_or_before" | "on_or_after", string>>;

/**
 * The query filters the stand-in understands: `{ timestamp: "created_time" | "last_edited_time", … }`
 * and `and` of those. Anything else is a 400 so a test never passes on an ignored filter.
 */
export function rowFilter(filter: unknown): (row: StoredPage) => boolean {
  if (filter === undefined || filter === null) return () => true;
  const record = filter as Record<string, unknown>;
  if (Array.isArray(record.and)) {
    const parts = record.and.map(rowFilter);
    return (row) => parts.every((part) => part(row));
  }
  const timestamp = record.timestamp;
  if (timestamp !== "created_time" && timestamp !== "last_edited_time") {
    throw validationError(
      "The Notion stand-in only supports created_time / last_edited_time filters (and `and`).",
    );
  }
  const condition = (record[timestamp] ?? {}) as Condition;
  return (row) => {
    const at = Date.parse(timestamp === "created_time" ? row.createdTime : row.lastEditedTime);
    return Object.entries(condition).every(([operator, value]) =>
      compare(operator, at, Date.parse(value ?? "")),
    );
  };
}

function compare(operator: string, at: number, bound: number): boolean {
  if (operator === "equals") return at === bound;
  if (operator === "before") return at < bound;
  if (operator === "after") return at > bound;
  if (operator === "on_or_before") return at <= bound;
  if (operator === "on_or_after") return at >= bound;
  throw validationError(`Unsupported timestamp filter operator: ${operator}`);
}

/** `sorts` on timestamps; without any, rows come oldest first. */
export function rowOrder(sorts: unknown): (a: StoredPage, b: StoredPage) => number {
  const first = Array.isArray(sorts) ? (sorts[0] as Record<string, unknown> | undefined) : undefined;
  const field = first?.timestamp === "last_edited_time" ? "lastEditedTime" : "createdTime";
  if (first && first.timestamp === undefined)
    throw validationError("The Notion stand-in only sorts by timestamp.");
  const direction = first?.direction === "descending" ? -1 : 1;
  return (a, b) => direction * (Date.parse(a[field]) - Date.parse(b[field]));
}
