import type { DocumentAccess } from "../document.ts";

/**
 * Who is asking, for a search restricted to what they may see. No email = unknown (e.g. a Discord
 * asker): they see only what is shared with anyone or with a whole domain.
 */
export interface AccessViewer {
  email?: string;
  /** Group emails the viewer belongs to, when a directory told us. */
  groups?: readonly string[];
}

/** The key every viewer holds: a chunk carrying it is visible to everyone in the workspace. */
export const everyoneKey = "*";

/**
 * On every chunk of a document shared with any domain, and held by viewers whose email is unknown:
 * what a whole domain may see is the most an unidentified asker may see. Never a hex id, so it
 * cannot collide with a real domain's key.
 */
export const anyDomainKey = "domain:*";

/**
 * On a document whose list names nobody: a key no viewer holds. Without it the chunk would carry no
 * keys, which Qdrant's filter reads as "written before access was stored" (visible to everyone).
 */
export const nobodyKey = "-";

/**
 * A document's access list as flat keys stored on each chunk ("*", "user:<hex>", "group:<hex>",
 * "domain:<hex>", "domain:*"), so both stores filter with one "any of these keys" match. Null
 * access (no list) and `public` are "*". Ids are lower-cased and hex-encoded: a key holds no space
 * (the LanceDB column's separator) and no character a SQL LIKE pattern would read as a wildcard.
 */
export function accessKeys(access: DocumentAccess | null | undefined): string[] {
  if (access == null) return [everyoneKey];
  const keys = new Set<string>();
  if (access.public) keys.add(everyoneKey);
  for (const user of access.users ?? []) keys.add(`user:${hex(user)}`);
  for (const group of access.groups ?? []) keys.add(`group:${hex(group)}`);
  for (const domain of access.domains ?? []) keys.add(`domain:${hex(domain)}`);
  if ((access.domains ?? []).length > 0) keys.add(anyDomainKey);
  if (keys.size === 0) keys.add(nobodyKey);
  return [...keys].sort();
}

/** The keys a viewer holds: any one of them on a chunk makes it visible. */
export function viewerKeys(viewer: AccessViewer): string[] {
  const keys = new Set([everyoneKey]);
  const email = viewer.email?.trim().toLowerCase();
  if (email) {
    keys.add(`user:${hex(email)}`);
    const domain = email.slice(email.lastIndexOf("@") + 1);
    if (email.includes("@") && domain !== "") keys.add(`domain:${hex(domain)}`);
  } else {
    keys.add(anyDomainKey);
  }
  for (const group of viewer.groups ?? []) keys.add(`group:${hex(group)}`);
  return [...keys];
}

function hex(id: string): string {
  return Buffer.from(id.trim().toLowerCase(), "utf8").toString("hex");
}
