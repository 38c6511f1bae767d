import { plainTextTitle } from "#shared/knowledge/plain-text-title.ts";
import type { ScoredChunk } from "#shared/knowledge/store/vector-store.ts";

/** One document in search results: its best passage, and how many more of its passages matched. */
export interface FoldedResult {
  documentId: string;
  title: string;
  url: string;
  text: string;
  /** Further passages of the same document in the results, folded under the best one. */
  morePassages: number;
}

/** Passages asked of the store per document shown, so folding still fills the page. */
export const passagesPerResult = 3;

/**
 * Search results one per document, in rank order: the first (best) passage of each document stands
 * for it, the rest are counted. At most `limit` documents.
 */
export function foldSearchResults(chunks: readonly ScoredChunk[], limit: number): FoldedResult[] {
  const folded: FoldedResult[] = [];
  const byDocument = new Map<string, FoldedResult>();
  for (const chunk of chunks) {
    const seen = byDocument.get(chunk.documentId);
    if (seen) {
      seen.morePassages += 1;
      continue;
    }
    if (folded.length >= limit) continue;
    const result = {
      documentId: chunk.documentId,
      title: plainTextTitle(chunk.title),
      url: chunk.url,
      text: chunk.text,
      morePassages: 0,
    };
    byDocument.set(chunk.documentId, result);
    folded.push(result);
  }
  return folded;
}
