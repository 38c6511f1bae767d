import { errorMessage } from "../errors/app-error.ts";
import type { Logger } from "../log/logger.ts";
import type { Embedder } from "./embed/embedder.ts";
import { analyzeQuery } from "./lexical/analyze-text.ts";
import { queryLexicalVector } from "./lexical/lexical-vector.ts";
import type { AccessViewer } from "./store/access-keys.ts";
import type { ScoredChunk, VectorStore } from "./store/vector-store.ts";

/** A hung model server must not hang search: past this, the query runs lexically. */
const queryEmbeddingTimeoutMs = 10_000;

export interface SearchDependencies {
  store: VectorStore;
  embedder: Embedder | null;
  logger: Logger;
}

export interface SearchOutcome {
  results: ScoredChunk[];
  /** False when the search ran lexically only (no embedder, or it failed). */
  dense: boolean;
}

/** Hybrid search of one workspace: dense + lexical fused; lexical alone when the embedder is down. */
export async function searchKnowledge(
  dependencies: SearchDependencies,
  workspaceId: string,
  query: string,
  /** `viewer`: only what that person may see; left out = everything (the operator). */
  options: { limit: number; sources?: string[]; viewer?: AccessViewer | undefined },
): Promise<SearchOutcome> {
  const terms = analyzeQuery(query);
  let vector: number[] | null = null;
  if (dependencies.embedder) {
    try {
      vector = await dependencies.embedder.embedQuery(query, AbortSignal.timeout(queryEmbeddingTimeoutMs));
    } catch (error) {
      dependencies.logger.warn({ err: errorMessage(error) }, "query embedding failed; searching lexically");
    }
  }
  if (!vector && terms.length === 0) return { results: [], dense: false };
  const results = await dependencies.store.search(workspaceId, {
    vector,
    lexicalText: terms.join(" "),
    lexical: queryLexicalVector(terms),
    limit: options.limit,
    ...(options.sources ? { sources: options.sources } : {}),
    ...(options.viewer ? { viewer: options.viewer } : {}),
  });
  return { results, dense: vector !== null };
}
