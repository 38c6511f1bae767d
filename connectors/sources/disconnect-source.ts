import type { Database } from "#shared/db/database.ts";
import { deleteDocuments } from "#shared/db/document-repository.ts";
import type { SourceConnectionRow } from "#shared/db/schema.ts";
import {
  acquireSyncLease,
  deleteSourceConnection,
  listIndexedSourceDocuments,
  releaseSyncLease,
} from "#shared/db/source-connection-repository.ts";
import type { VectorStore } from "#shared/knowledge/store/vector-store.ts";

export type DisconnectResult =
  | { status: "removed"; connection: SourceConnectionRow; documents: number }
  /** A sync of it is running: removing now would race it. */
  | { status: "busy"; connection: SourceConnectionRow };

/**
 * Removes a connection and everything indexed from it: chunks first, then documents, then the row
 * (its credentials with it). Holds the sync lease meanwhile, so no sync writes behind its back.
 */
export async function disconnectSource(
  database: Database,
  store: VectorStore,
  connection: SourceConnectionRow,
): Promise<DisconnectResult> {
  const db = database.db;
  const owner = `disconnect:${process.pid}:${connection.id}`;
  if (!(await acquireSyncLease(db, connection.id, owner, 10 * 60_000))) return { status: "busy", connection };
  try {
    const indexed = await listIndexedSourceDocuments(db, connection.workspaceId, connection.source);
    for (const document of indexed) await store.deleteDocumentChunks(connection.workspaceId, document.id, 0);
    await deleteDocuments(
      db,
      connection.workspaceId,
      indexed.map((document) => document.id),
    );
    await deleteSourceConnection(db, connection.id);
    return { status: "removed", connection, documents: indexed.length };
  } catch (error) {
    await releaseSyncLease(db, connection.id, owner);
    throw error;
  }
}
