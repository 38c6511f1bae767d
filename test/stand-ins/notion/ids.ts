import { randomUUID } from "node:crypto";

/** The lookup key of a Notion id: clients may send it with or without dashes, in any case. */
export function compactId(id: string): string {
  return id.replaceAll("-", "").toLowerCase();
}

export function newId(): string {
  return randomUUID();
}
