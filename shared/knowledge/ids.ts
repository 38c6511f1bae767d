import { createHash } from "node:crypto";

/** Stable id of a document: the same (workspace, source, external id) always maps to the same id. */
export function documentId(workspaceId: string, source: string, externalId: string): string {
  return createHash("sha256")
    .update(`${workspaceId}\u0000${source}\u0000${externalId}`)
    .digest("hex")
    .slice(0, 32);
}

/**
 * Chunk ids derive from (document, index) so re-indexing overwrites in place. Formatted as a UUID
 * because Qdrant only accepts UUIDs or integers as point ids.
 */
export function chunkId(documentIdValue: string, index: number): string {
  const hex = createHash("sha1").update(`${documentIdValue}#${index}`).digest("hex");
  // Version 5 / RFC 4122 variant bits, so strict UUID parsers accept it.
  const variant = ((Number.parseInt(hex.slice(16, 18), 16) & 0x3f) | 0x80).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(18, 20)}-${hex.slice(20, 32)}`;
}
