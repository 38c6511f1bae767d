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
  options: {
    limit: number;
    sources?: string[];
    viewer?: AccessViewer | undefined;
    /** The query's vector when the caller already has it (null: embedding failed); left out = embed it here. */
    vector?: number[] | null;
  },
): Promise<SearchOutcome> {
  const terms = analyzeQuery(query);
  const vector = options.vector !== undefined ? options.vector : await embedSearchQuery(dependencies, query);
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

/** The query's dense vector, or null when there is no embedder or it failed (search goes on lexically). */
export async function embedSearchQuery(
  dependencies: Pick<SearchDependencies, "embedder" | "logger">,
  query: string,
): Promise<number[] | null> {
  if (!dependencies.embedder) return null;
  try {
    return await dependencies.embedder.embedQuery(query, AbortSignal.timeout(queryEmbeddingTimeoutMs));
  } catch (error) {
    dependencies.logger.warn({ err: errorMessage(error) }, "query embedding failed; searching lexically");
    return null;
  }
}
