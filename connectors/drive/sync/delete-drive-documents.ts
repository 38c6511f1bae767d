import type { SourceSyncContext } from "#connectors/sources/source-connector.ts";
import { deleteDocuments } from "#shared/db/document-repository.ts";

/** Removes documents (by document id) from the store first, then the ledger; returns how many. */
export async function deleteDriveDocuments(
  context: Pick<SourceSyncContext, "database" | "store">,
  workspaceId: string,
  documentIds: readonly string[],
): Promise<number> {
  if (documentIds.length === 0) return 0;
  for (const id of documentIds) await context.store.deleteDocumentChunks(workspaceId, id, 0);
  return deleteDocuments(context.database.db, workspaceId, documentIds);
}
