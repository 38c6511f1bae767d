import type { DocumentAccess } from "../document.ts";

/** Who is asking, for a search restricted to what they may see. */
export interface AccessViewer {
  userId?: string;
  groups?: readonly string[];
}

/** The key every viewer holds: a chunk carrying it is visible to everyone in the workspace. */
export const everyoneKey = "*";

/**
 * A document's access list as flat keys stored on each chunk ("*", "user:U1", "group:G1"), so both
 * stores filter with one "any of these keys" match. Null access (no list) and `public` are "*".
 * Ids are hex-encoded: a key holds no space (the LanceDB column's separator) and no character a
 * SQL LIKE pattern would read as a wildcard.
 */
export function accessKeys(access: DocumentAccess | null | undefined): string[] {
  if (access == null) return [everyoneKey];
  const keys = new Set<string>();
  if (access.public) keys.add(everyoneKey);
  for (const user of access.users ?? []) keys.add(`user:${hex(user)}`);
  for (const group of access.groups ?? []) keys.add(`group:${hex(group)}`);
  return [...keys].sort();
}

/** The keys a viewer holds: any one of them on a chunk makes it visible. */
export function viewerKeys(viewer: AccessViewer): string[] {
  const keys = [everyoneKey];
  if (viewer.userId !== undefined) keys.push(`user:${hex(viewer.userId)}`);
  for (const group of viewer.groups ?? []) keys.push(`group:${hex(group)}`);
  return keys;
}

function hex(id: string): string {
  return Buffer.from(id, "utf8").toString("hex");
}
