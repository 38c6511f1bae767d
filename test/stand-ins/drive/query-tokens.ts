import { driveErrors } from "./drive-api-error.ts";

export type QueryToken =
  | { kind: "string"; value: string }
  | { kind: "word"; value: string }
  | { kind: "operator"; value: "=" | "!=" | "<" | "<=" | ">" | ">=" }
  | { kind: "open" }
  | { kind: "close" };

/** Splits a files.list `q` into tokens: 'quoted strings' (with \' and \\ escapes), words, operators. */
export function tokenizeQuery(q: string): QueryToken[] {
  const tokens: QueryToken[] = [];
  let position = 0;
  while (position < q.length) {
    const char = q[position] ?? "";
    if (/\s/.test(char)) {
      position += 1;
    } else if (char === "(" || char === ")") {
      tokens.push({ kind: char === "(" ? "open" : "close" });
      position += 1;
    } else if (char === "'") {
      let value = "";
      position += 1;
      while (position < q.length && q[position] !== "'") {
        if (q[position] === "\\") position += 1;
        value += q[position] ?? "";
        position += 1;
      }
      if (q[position] !== "'") throw driveErrors.invalidQuery();
      position += 1;
      tokens.push({ kind: "string", value });
    } else {
      const operator = /^(!=|<=|>=|=|<|>)/.exec(q.slice(position))?.[1];
      if (operator) {
        tokens.push({ kind: "operator", value: operator as "=" });
        position += operator.length;
        continue;
      }
      const word = /^[A-Za-z0-9_.]+/.exec(q.slice(position))?.[0];
      if (!word) throw driveErrors.invalidQuery();
      tokens.push({ kind: "word", value: word });
      position += word.length;
    }
  }
  return tokens;
}
