import { documentId } from "../shared/knowledge/ids.ts";
import { indexDocuments } from "../shared/knowledge/index-documents.ts";
import { searchKnowledge } from "../shared/knowledge/search-knowledge.ts";
import { createLogger } from "../shared/log/logger.ts";
import { benchWorkspace } from "./bench-workspace.ts";
import type { RetrievalPath } from "./retrieval-squad.ts";

/**
 * Sabio's real lexical path for the retrieval benchmark: documents go through the indexer
 * (chunker, analyzer, LanceDB full-text index) and questions through searchKnowledge with no
 * embedder, exactly what runs when the model server is down.
 */
export async function storeRetrievalPath(): Promise<RetrievalPath & { dispose(): Promise<void> }> {
  const setup = await benchWorkspace();
  const logger = createLogger({ level: "warn" });
  const byDocumentId = new Map<string, string>();
  return {
    async index(documents) {
      for (const document of documents)
        byDocumentId.set(documentId("squad", "bench", document.id), document.id);
      await indexDocuments(
        { database: setup.database, store: setup.store, embedder: null, logger },
        {
          workspaceId: "squad",
          source: "bench",
          complete: true,
          // A neutral title: SQuAD paragraphs have none of their own, and the plain BM25 gets none.
          documents: documents.map((document) => ({
            workspaceId: "squad",
            source: "bench",
            externalId: document.id,
            title: "párrafo",
            url: `squad/${document.id}`,
            updatedAt: new Date(0),
            content: document.text,
          })),
        },
      );
    },
    async search(query, limit) {
      const { results } = await searchKnowledge(
        { store: setup.store, embedder: null, logger },
        "squad",
        query,
        {
          limit: limit * 2,
        },
      );
      const ids: string[] = [];
      for (const result of results) {
        const id = byDocumentId.get(result.documentId);
        if (id !== undefined && !ids.includes(id)) ids.push(id);
      }
      return ids.slice(0, limit);
    },
    dispose: () => setup.dispose(),
  };
}
