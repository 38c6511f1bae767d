import { driveErrors } from "./drive-api-error.ts";
import type { StoredFile } from "./drive-file.ts";
import type { DriveWorld } from "./drive-world.ts";
import { type QueryToken, tokenizeQuery } from "./query-tokens.ts";
import { searchableText } from "./searchable-text.ts";

export type FilePredicate = (file: StoredFile) => boolean;
type Comparison = "=" | "!=" | "<" | "<=" | ">" | ">=" | "contains";

/**
 * Compiles a files.list `q` (Drive's search syntax: `and`/`or`/`not`, parentheses, `'id' in parents`,
 * `'a@b' in owners|writers|readers`, name/mimeType/fullText/modifiedTime/createdTime/trashed/starred
 * comparisons) into a predicate. Anything else answers 400 Invalid Value, as Drive does.
 */
export function compileQuery(q: string, world: DriveWorld): FilePredicate {
  const tokens = tokenizeQuery(q);
  let index = 0;
  const peek = () => tokens[index];
  const next = (): QueryToken => {
    const token = tokens[index];
    if (!token) throw driveErrors.invalidQuery();
    index += 1;
    return token;
  };
  const isWord = (token: QueryToken | undefined, word: string) =>
    token?.kind === "word" && token.value.toLowerCase() === word;

  const parseOr = (): FilePredicate => {
    const parts = [parseAnd()];
    while (isWord(peek(), "or")) {
      index += 1;
      parts.push(parseAnd());
    }
    return (file) => parts.some((part) => part(file));
  };
  const parseAnd = (): FilePredicate => {
    const parts = [parseUnary()];
    while (isWord(peek(), "and")) {
      index += 1;
      parts.push(parseUnary());
    }
    return (file) => parts.every((part) => part(file));
  };
  const parseUnary = (): FilePredicate => {
    const token = next();
    if (isWord(token, "not")) {
      const inner = parseUnary();
      return (file) => !inner(file);
    }
    if (token.kind === "open") {
      const inner = parseOr();
      if (next().kind !== "close") throw driveErrors.invalidQuery();
      return inner;
    }
    if (token.kind === "string") {
      if (!isWord(next(), "in")) throw driveErrors.invalidQuery();
      return membership(token.value, next(), world);
    }
    if (token.kind !== "word") throw driveErrors.invalidQuery();
    const operator = next();
    const comparison: Comparison | undefined =
      operator.kind === "operator" ? operator.value : isWord(operator, "contains") ? "contains" : undefined;
    if (!comparison) throw driveErrors.invalidQuery();
    return comparisonOn(token.value, comparison, next());
  };

  const predicate = parseOr();
  if (index !== tokens.length) throw driveErrors.invalidQuery();
  return predicate;
}

function membership(value: string, collection: QueryToken, world: DriveWorld): FilePredicate {
  if (collection.kind !== "word") throw driveErrors.invalidQuery();
  const roles: Record<string, string[]> = {
    owners: ["owner"],
    writers: ["owner", "organizer", "fileOrganizer", "writer"],
    readers: ["owner", "organizer", "fileOrganizer", "writer", "commenter", "reader"],
  };
  if (collection.value === "parents") {
    const parent = value === "root" ? world.rootFolderId : value;
    return (file) => file.parents.includes(parent);
  }
  const allowed = roles[collection.value];
  if (!allowed) throw driveErrors.invalidQuery();
  return (file) =>
    world
      .effectivePermissions(file)
      .some((permission) => permission.emailAddress === value && allowed.includes(permission.role));
}

function comparisonOn(field: string, comparison: Comparison, operand: QueryToken): FilePredicate {
  const literal = operand.kind === "string" || operand.kind === "word" ? operand.value : undefined;
  if (literal === undefined) throw driveErrors.invalidQuery();
  const compare = (left: number, right: number): boolean =>
    ({
      "=": left === right,
      "!=": left !== right,
      "<": left < right,
      "<=": left <= right,
      ">": left > right,
      ">=": left >= right,
      contains: false,
    })[comparison];
  if (field === "trashed" || field === "starred") {
    if ((comparison !== "=" && comparison !== "!=") || !/^(true|false)$/.test(literal))
      throw driveErrors.invalidQuery();
    const wanted = (literal === "true") === (comparison === "=");
    return (file) => (field === "trashed" ? file.trashed : false) === wanted;
  }
  if (field === "modifiedTime" || field === "createdTime") {
    // Drive reads a time without a zone as UTC.
    const time = Date.parse(/(Z|[+-]\d\d:?\d\d)$/.test(literal) ? literal : `${literal}Z`);
    if (Number.isNaN(time) || comparison === "contains") throw driveErrors.invalidQuery();
    return (file) => compare(Date.parse(file[field]), time);
  }
  if (field === "name" || field === "mimeType" || field === "fullText") {
    if (comparison === "contains") {
      const needle = literal.toLowerCase();
      return (file) =>
        (field === "fullText" ? searchableText(file) : file[field]).toLowerCase().includes(needle);
    }
    if (field === "fullText" || (comparison !== "=" && comparison !== "!=")) throw driveErrors.invalidQuery();
    return (file) => (file[field] === literal) === (comparison === "=");
  }
  throw driveErrors.invalidQuery();
}
