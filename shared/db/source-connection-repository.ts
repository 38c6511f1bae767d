import { and, asc, eq, sql } from "drizzle-orm";
import type { PgUpdateSetSource } from "drizzle-orm/pg-core";
import type { Db } from "./database.ts";
import {
  documents,
  type SourceConnectionKind,
  type SourceConnectionRow,
  sourceConnections,
} from "./schema.ts";

export interface SourceConnectionKey {
  id: string;
  workspaceId: string;
  kind: SourceConnectionKind;
}

/** Creates the connection (state ok, no cursor) unless it exists; returns it either way. */
export async function ensureSourceConnection(db: Db, key: SourceConnectionKey): Promise<SourceConnectionRow> {
  await db.insert(sourceConnections).values(key).onConflictDoNothing({ target: sourceConnections.id });
  const row = await getSourceConnection(db, key.id);
  if (!row) throw new Error(`source connection ${key.id} was not saved`);
  if (row.workspaceId !== key.workspaceId || row.kind !== key.kind) {
    throw new Error(`source connection ${key.id} belongs to another workspace or kind`);
  }
  return row;
}

export async function getSourceConnection(db: Db, id: string): Promise<SourceConnectionRow | undefined> {
  const [row] = await db.select().from(sourceConnections).where(eq(sourceConnections.id, id));
  return row;
}

/** A workspace's connections, oldest first. */
export async function listSourceConnections(db: Db, workspaceId: string): Promise<SourceConnectionRow[]> {
  return db
    .select()
    .from(sourceConnections)
    .where(eq(sourceConnections.workspaceId, workspaceId))
    .orderBy(asc(sourceConnections.createdAt), asc(sourceConnections.id));
}

/** A sync started at `startedAt` (our clock). */
export async function markSourceSyncing(db: Db, id: string, startedAt: Date): Promise<void> {
  await update(db, id, { state: "syncing", lastSyncAt: startedAt });
}

export interface SourceSyncSuccess {
  /** The newest last-edited time seen (the source's clock); null keeps the previous cursor. */
  cursor: Date | null;
  documentCount: number;
  /** Set when this sync listed everything (a full pass): it may have deleted what was gone. */
  completeAt?: Date;
}

export async function markSourceOk(db: Db, id: string, success: SourceSyncSuccess): Promise<void> {
  await update(db, id, {
    state: "ok",
    lastError: null,
    documentCount: success.documentCount,
    ...(success.cursor === null
      ? {}
      : { cursor: sql`greatest(${sourceConnections.cursor}, ${success.cursor.toISOString()}::timestamptz)` }),
    ...(success.completeAt === undefined ? {} : { lastCompleteSyncAt: success.completeAt }),
  });
}

/** A failure that may pass (outage, rate limit, bug): the cursor stays, the next sync retries. */
export async function markSourceError(db: Db, id: string, message: string): Promise<void> {
  await update(db, id, { state: "error", lastError: message });
}

/** The credential is dead: nothing syncs until an admin reconnects. */
export async function markSourceNeedsReauth(db: Db, id: string, message: string): Promise<void> {
  await update(db, id, { state: "needs_reauth", lastError: message });
}

/** Removes a connection (its documents stay); returns it, or undefined when there was none. */
export async function deleteSourceConnection(db: Db, id: string): Promise<SourceConnectionRow | undefined> {
  const [row] = await db.delete(sourceConnections).where(eq(sourceConnections.id, id)).returning();
  return row;
}

/** What incremental syncing compares against: one source's indexed documents, by external id. */
export interface IndexedSourceDocument {
  id: string;
  externalId: string;
  /** The source's last-edited time when the document was read. */
  updatedAt: Date;
  chunkCount: number;
  /** `metadata.parentId`, when the connector recorded one. */
  parentId: string | undefined;
}

export async function listIndexedSourceDocuments(
  db: Db,
  workspaceId: string,
  source: string,
): Promise<IndexedSourceDocument[]> {
  const rows = await db
    .select({
      id: documents.id,
      externalId: documents.externalId,
      updatedAt: documents.updatedAt,
      chunkCount: documents.chunkCount,
      metadata: documents.metadata,
    })
    .from(documents)
    .where(and(eq(documents.workspaceId, workspaceId), eq(documents.source, source)));
  return rows.map(({ metadata, ...row }) => ({
    ...row,
    parentId: typeof metadata.parentId === "string" ? metadata.parentId : undefined,
  }));
}

async function update(
  db: Db,
  id: string,
  fields: PgUpdateSetSource<typeof sourceConnections>,
): Promise<void> {
  await db
    .update(sourceConnections)
    .set({ ...fields, updatedAt: sql`now()` })
    .where(eq(sourceConnections.id, id));
}
