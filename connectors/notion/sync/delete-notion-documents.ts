import type { Database } from "#shared/db/database.ts";
import { deleteDocuments } from "#shared/db/document-repository.ts";
import type { VectorStore } from "#shared/knowledge/store/vector-store.ts";

/** Removes documents (by document id) from the store first, then the ledger; returns how many. */
export async function deleteNotionDocuments(
  database: Database,
  store: VectorStore,
  workspaceId: string,
  documentIds: readonly string[],
): Promise<number> {
  if (documentIds.length === 0) return 0;
  for (const id of documentIds) await store.deleteDocumentChunks(workspaceId, id, 0);
  return deleteDocuments(database.db, workspaceId, documentIds);
}
