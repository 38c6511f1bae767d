import { plainTextTitle } from "#shared/knowledge/plain-text-title.ts";
import type { ScoredChunk } from "#shared/knowledge/store/vector-store.ts";

/** One document in search results: its best passage, and how many more of its passages matched. */
export interface FoldedResult {
  documentId: string;
  title: string;
  url: string;
  text: string;
  /** The 0–1 relevance of `text` to the query (0 when none was given). */
  relevance: number;
  /** Further passages of the same document in the results, folded under the best one. */
  morePassages: number;
}

/** Passages asked of the store per document shown, so folding still fills the page. */
export const passagesPerResult = 3;

/**
 * Search results one per document, in rank order of each document's first passage. The passage
 * shown is the one covering the query best (`relevance`, one per chunk; the first on a tie): fused
 * ranking can put another passage of the same document first, and the reader wants the words they
 * searched for. The rest are counted. At most `limit` documents.
 */
export function foldSearchResults(
  chunks: readonly ScoredChunk[],
  limit: number,
  relevance: readonly number[] = [],
): FoldedResult[] {
  const folded: FoldedResult[] = [];
  const byDocument = new Map<string, FoldedResult>();
  for (const [index, chunk] of chunks.entries()) {
    const score = relevance[index] ?? 0;
    const seen = byDocument.get(chunk.documentId);
    if (seen) {
      seen.morePassages += 1;
      if (score > seen.relevance) {
        seen.text = chunk.text;
        seen.relevance = score;
      }
      continue;
    }
    if (folded.length >= limit) continue;
    const result = {
      documentId: chunk.documentId,
      title: plainTextTitle(chunk.title),
      url: chunk.url,
      text: chunk.text,
      relevance: score,
      morePassages: 0,
    };
    byDocument.set(chunk.documentId, result);
    folded.push(result);
  }
  return folded;
}
