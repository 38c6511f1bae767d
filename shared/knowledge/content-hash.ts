import { createHash } from "node:crypto";
import type { SourceDocument } from "./document.ts";

/**
 * Hash of everything that ends up in the stored chunks (title, link and text). Same hash = nothing
 * to re-chunk, re-embed or re-write. The index version is part of it: bump it when the chunker or
 * the lexical analyzer changes what gets stored, so the next ingest rebuilds every chunk.
 */
export const indexVersion = "1";

export function contentHash(document: Pick<SourceDocument, "title" | "url" | "content">): string {
  return createHash("sha256")
    .update(indexVersion)
    .update("\u0000")
    .update(document.title)
    .update("\u0000")
    .update(document.url)
    .update("\u0000")
    .update(document.content)
    .digest("hex");
}
