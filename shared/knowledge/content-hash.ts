import { createHash } from "node:crypto";
import type { SourceDocument } from "./document.ts";

/**
 * Hash of everything that ends up in the stored chunks (title, link and text). Same hash = nothing
 * to re-chunk, re-embed or re-write. The chunker version is part of it so a chunker change re-indexes.
 */
export const chunkerVersion = "1";

export function contentHash(document: Pick<SourceDocument, "title" | "url" | "content">): string {
  return createHash("sha256")
    .update(chunkerVersion)
    .update("\u0000")
    .update(document.title)
    .update("\u0000")
    .update(document.url)
    .update("\u0000")
    .update(document.content)
    .digest("hex");
}
