import { driveErrors } from "./drive-api-error.ts";

/** A parsed `fields` selection: each key is kept whole (`true`) or narrowed by its own selection. */
export type FieldSelection = Map<string, FieldSelection | true>;

/**
 * Parses Google's partial-response syntax: `nextPageToken,files(id,name,permissions(type,role))`,
 * `files/id` (same as `files(id)`), `*` for everything at that level. Throws Drive's 400 when unbalanced.
 */
export function parseFields(text: string): FieldSelection {
  let position = 0;
  const fail = () => driveErrors.invalidParameter("fields", `Invalid field selection ${text}`);
  const parseList = (): FieldSelection => {
    const selection: FieldSelection = new Map();
    for (;;) {
      const match = /^\s*([A-Za-z0-9_*]+(?:\/[A-Za-z0-9_*]+)*)\s*/.exec(text.slice(position));
      if (!match?.[1]) throw fail();
      position += match[0].length;
      let inner: FieldSelection | true = true;
      if (text[position] === "(") {
        position += 1;
        inner = parseList();
        if (text[position] !== ")") throw fail();
        position += 1;
        while (text[position] === " ") position += 1;
      }
      merge(selection, match[1].split("/"), inner);
      if (text[position] !== ",") return selection;
      position += 1;
    }
  };
  const selection = parseList();
  if (position !== text.length) throw fail();
  return selection;
}

function merge(selection: FieldSelection, path: string[], inner: FieldSelection | true): void {
  const [head, ...rest] = path;
  if (head === undefined) return;
  const value = rest.length === 0 ? inner : nested(rest, inner);
  const existing = selection.get(head);
  if (existing === true || value === true) {
    selection.set(head, true);
    return;
  }
  if (existing === undefined) {
    selection.set(head, value);
    return;
  }
  for (const [key, child] of value) merge(existing, [key], child);
}

function nested(path: string[], inner: FieldSelection | true): FieldSelection {
  const selection: FieldSelection = new Map();
  merge(selection, path, inner);
  return selection;
}

/** The parts of `value` the selection names (arrays narrowed item by item), as Drive answers them. */
export function applyFields(value: unknown, selection: FieldSelection): unknown {
  if (Array.isArray(value)) return value.map((item) => applyFields(item, selection));
  if (typeof value !== "object" || value === null) return value;
  const record = value as Record<string, unknown>;
  if (selection.get("*") === true) return record;
  const result: Record<string, unknown> = {};
  for (const [key, inner] of selection) {
    if (!(key in record) || record[key] === undefined) continue;
    result[key] = inner === true ? record[key] : applyFields(record[key], inner);
  }
  return result;
}

/** Throws Drive's 400 for a top-level name under `key` the resource does not have (e.g. `files(titel)`). */
export function checkFieldNames(
  selection: FieldSelection,
  key: string | undefined,
  known: ReadonlySet<string>,
): void {
  const inner = key === undefined ? selection : selection.get(key);
  if (inner === undefined || inner === true) return;
  for (const name of inner.keys()) {
    if (name !== "*" && !known.has(name)) {
      throw driveErrors.invalidParameter("fields", `Invalid field selection ${name}`);
    }
  }
}
