import { driveErrors } from "./drive-api-error.ts";
import { type FieldSelection, parseFields } from "./partial-response.ts";

/** `pageSize` within Drive's range for the method, or its default. */
export function pageSizeOf(query: URLSearchParams, fallback: number, max: number): number {
  const raw = query.get("pageSize");
  if (raw === null) return fallback;
  const size = Number(raw);
  if (!Number.isInteger(size) || size < 1 || size > max) {
    throw driveErrors.invalidParameter(
      "pageSize",
      `Invalid value '${raw}'. Values must be within the range: [1, ${max}]`,
    );
  }
  return size;
}

/** List page tokens are opaque to clients; here the offset of the page's first item. */
export const pageToken = (offset: number): string =>
  Buffer.from(JSON.stringify({ offset }), "utf8").toString("base64url");

export function offsetOf(query: URLSearchParams): number {
  const raw = query.get("pageToken");
  if (raw === null || raw === "") return 0;
  try {
    const { offset } = JSON.parse(Buffer.from(raw, "base64url").toString("utf8")) as { offset: unknown };
    if (typeof offset === "number" && Number.isInteger(offset) && offset >= 0) return offset;
  } catch {
    // Falls through to Drive's answer for a token it did not issue.
  }
  throw driveErrors.invalidParameter("pageToken", "Invalid Value");
}

export const fieldsOf = (query: URLSearchParams, fallback: string): FieldSelection =>
  parseFields(query.get("fields") || fallback);

/** One page of `items` from the request's token, with the token of the next page if any. */
export function paginate<Item>(
  items: Item[],
  query: URLSearchParams,
  size: number,
): { page: Item[]; nextPageToken: string | undefined } {
  const offset = offsetOf(query);
  const page = items.slice(offset, offset + size);
  const next = offset + page.length;
  return { page, nextPageToken: next < items.length ? pageToken(next) : undefined };
}
