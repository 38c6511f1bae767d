import { and, asc, eq, inArray, sql } from "drizzle-orm";
import type { DocumentAccess } from "../knowledge/document.ts";
import type { Db } from "./database.ts";
import { excluded } from "./excluded.ts";
import { documents, type NewDocumentRow } from "./schema.ts";

/** What the indexer compares against to decide whether a document changed. */
export interface DocumentState {
  id: string;
  contentHash: string;
  chunkCount: number;
  /** The source's last-edited time when it was read. */
  updatedAt: Date;
  metadata: Record<string, unknown>;
  /** Who may see it; null = everyone in the workspace. */
  access: DocumentAccess | null;
}

/** An unchanged document read again: what moves on without touching its chunks. */
export interface DocumentTouch {
  id: string;
  updatedAt: Date;
  metadata: Record<string, unknown>;
  /** Left out = keep the stored access list. */
  access?: DocumentAccess | null;
}

// Postgres allows 65,535 bind parameters per statement; a document row uses 12.
const rowsPerStatement = 1_000;

/** The indexed state of every document of one source in one workspace, by external id. */
export async function getDocumentStates(
  db: Db,
  workspaceId: string,
  source: string,
): Promise<Map<string, DocumentState>> {
  const rows = await db
    .select({
      id: documents.id,
      externalId: documents.externalId,
      contentHash: documents.contentHash,
      chunkCount: documents.chunkCount,
      updatedAt: documents.updatedAt,
      metadata: documents.metadata,
      access: documents.access,
    })
    .from(documents)
    .where(and(eq(documents.workspaceId, workspaceId), eq(documents.source, source)));
  return new Map(rows.map(({ externalId, ...state }) => [externalId, state]));
}

export async function upsertDocument(db: Db, row: NewDocumentRow): Promise<void> {
  await upsertDocuments(db, [row]);
}

/**
 * Inserts or replaces documents by (workspace, source, external id). Fields a row leaves out go back
 * to their defaults (no metadata, no access list, indexed now): a row is the whole current state.
 */
export async function upsertDocuments(db: Db, rows: readonly NewDocumentRow[]): Promise<void> {
  // One statement may not touch a row twice, so the last version of a repeated document wins.
  const unique = [...new Map(rows.map((row) => [naturalKey(row), row])).values()];
  for (let start = 0; start < unique.length; start += rowsPerStatement) {
    await db
      .insert(documents)
      .values(unique.slice(start, start + rowsPerStatement))
      .onConflictDoUpdate({
        target: [documents.workspaceId, documents.source, documents.externalId],
        set: {
          id: excluded(documents.id),
          title: excluded(documents.title),
          url: excluded(documents.url),
          updatedAt: excluded(documents.updatedAt),
          contentHash: excluded(documents.contentHash),
          chunkCount: excluded(documents.chunkCount),
          metadata: excluded(documents.metadata),
          access: excluded(documents.access),
          indexedAt: excluded(documents.indexedAt),
        },
      });
  }
}

/**
 * Records that unchanged documents were read again: their source edit time, metadata and access move
 * on, `indexed_at` becomes now, chunks stay. Lets a later sync skip a page it knows is current.
 */
export async function touchDocuments(db: Db, rows: readonly DocumentTouch[]): Promise<void> {
  for (const row of rows) {
    await db
      .update(documents)
      .set({
        updatedAt: row.updatedAt,
        metadata: row.metadata,
        ...(row.access === undefined ? {} : { access: row.access }),
        indexedAt: sql`now()`,
      })
      .where(eq(documents.id, row.id));
  }
}

/** Deletes documents by id within one workspace; ids of other workspaces are left alone. */
export async function deleteDocuments(db: Db, workspaceId: string, ids: readonly string[]): Promise<number> {
  let deleted = 0;
  for (let start = 0; start < ids.length; start += rowsPerStatement) {
    const gone = await db
      .delete(documents)
      .where(
        and(
          eq(documents.workspaceId, workspaceId),
          inArray(documents.id, ids.slice(start, start + rowsPerStatement)),
        ),
      )
      .returning({ id: documents.id });
    deleted += gone.length;
  }
  return deleted;
}

/** A workspace's documents, or only one source's. */
export async function countDocuments(db: Db, workspaceId: string, source?: string): Promise<number> {
  const inWorkspace = eq(documents.workspaceId, workspaceId);
  return db.$count(
    documents,
    source === undefined ? inWorkspace : and(inWorkspace, eq(documents.source, source)),
  );
}

/** Ids of one source's documents in one workspace, ordered by external id. */
export async function listDocumentIds(db: Db, workspaceId: string, source: string): Promise<string[]> {
  const rows = await db
    .select({ id: documents.id })
    .from(documents)
    .where(and(eq(documents.workspaceId, workspaceId), eq(documents.source, source)))
    .orderBy(asc(documents.externalId));
  return rows.map((row) => row.id);
}

function naturalKey(row: NewDocumentRow): string {
  return JSON.stringify([row.workspaceId, row.source, row.externalId]);
}
