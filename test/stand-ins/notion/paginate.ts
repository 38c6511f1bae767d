import { validationError } from "./notion-api-error.ts";

export interface ListPage<T> {
  results: T[];
  next_cursor: string | null;
  has_more: boolean;
}

/** Notion's cursor pagination: the cursor is the id of the next item; page_size 1–100, default 100. */
export function paginate<T extends { id: string }>(
  items: T[],
  startCursor: unknown,
  pageSize: unknown,
): ListPage<T> {
  const size = pageSize === undefined || pageSize === null ? 100 : Number(pageSize);
  if (!Number.isInteger(size) || size < 1 || size > 100) {
    throw validationError(
      `page_size should be a number between 1 and 100, instead was \`${String(pageSize)}\`.`,
    );
  }
  let start = 0;
  if (typeof startCursor === "string" && startCursor !== "") {
    start = items.findIndex((item) => item.id === startCursor);
    if (start < 0) throw validationError(`start_cursor provided is invalid: ${startCursor}`);
  }
  const results = items.slice(start, start + size);
  const next = items[start + size];
  return { results, next_cursor: next ? next.id : null, has_more: next !== undefined };
}
