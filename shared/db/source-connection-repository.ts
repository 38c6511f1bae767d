import { and, asc, eq, isNull, lt, or, sql } from "drizzle-orm";
import type { PgUpdateSetSource } from "drizzle-orm/pg-core";
import type { DocumentAccess } from "../knowledge/document.ts";
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
  /** The `source` its documents are indexed under (see the schema); unique within a workspace. */
  source: string;
  label?: string;
  /** Per-kind settings that are not secrets (a folder's path and base URL). */
  settings?: Record<string, unknown>;
}

/** Creates the connection (state ok, no sync state) unless it exists; returns it either way. */
export async function ensureSourceConnection(db: Db, key: SourceConnectionKey): Promise<SourceConnectionRow> {
  await db.insert(sourceConnections).values(key).onConflictDoNothing({ target: sourceConnections.id });
  const row = await getSourceConnection(db, key.id);
  if (!row) throw new Error(`source connection ${key.id} was not saved`);
  if (row.workspaceId !== key.workspaceId || row.kind !== key.kind || row.source !== key.source) {
    throw new Error(`source connection ${key.id} belongs to another workspace or kind`);
  }
  return row;
}

export async function getSourceConnection(db: Db, id: string): Promise<SourceConnectionRow | undefined> {
  const [row] = await db.select().from(sourceConnections).where(eq(sourceConnections.id, id));
  return row;
}

/** The workspace's folder connection whose `settings.path` is `path`, if there is one. */
export async function findFolderConnection(
  db: Db,
  workspaceId: string,
  path: string,
): Promise<SourceConnectionRow | undefined> {
  const [row] = await db
    .select()
    .from(sourceConnections)
    .where(
      and(
        eq(sourceConnections.workspaceId, workspaceId),
        eq(sourceConnections.kind, "files"),
        sql`${sourceConnections.settings}->>'path' = ${path}`,
      ),
    )
    .orderBy(asc(sourceConnections.createdAt))
    .limit(1);
  return row;
}

/** Replaces a connection's settings and label (a folder moved, a base URL given). */
export async function saveSourceSettings(
  db: Db,
  id: string,
  settings: Record<string, unknown>,
  label: string,
): Promise<void> {
  await update(db, id, { settings, label });
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
  /**
   * The connector's state for the next incremental sync (opaque here: see the schema); undefined
   * keeps the previous one.
   */
  syncState?: unknown;
  documentCount: number;
  /** Set when this sync listed everything (a full pass): it may have deleted what was gone. */
  completeAt?: Date;
}

export async function markSourceOk(db: Db, id: string, success: SourceSyncSuccess): Promise<void> {
  await update(db, id, {
    state: "ok",
    lastError: null,
    documentCount: success.documentCount,
    ...(success.syncState === undefined ? {} : { syncState: success.syncState }),
    ...(success.completeAt === undefined ? {} : { lastCompleteSyncAt: success.completeAt }),
  });
}

/** A failure that may pass (outage, rate limit, bug): the sync state stays, the next sync retries. */
export async function markSourceError(db: Db, id: string, message: string): Promise<void> {
  await update(db, id, { state: "error", lastError: message });
}

/** The credential is dead: nothing syncs until an admin reconnects. */
export async function markSourceNeedsReauth(db: Db, id: string, message: string): Promise<void> {
  await update(db, id, { state: "needs_reauth", lastError: message });
}

export interface OAuthConnection extends SourceConnectionKey {
  externalAccountId: string;
  connectedBy: string | null;
  /** Sealed with the secret box: never plain tokens. */
  credentials: string;
}

/**
 * Saves a connection made through OAuth. Reconnecting the same account updates the row (new tokens,
 * state back to ok, the old error cleared) and keeps its sync state and documents.
 */
export async function saveOAuthConnection(db: Db, connection: OAuthConnection): Promise<SourceConnectionRow> {
  const [row] = await db
    .insert(sourceConnections)
    .values({ ...connection, state: "ok" })
    .onConflictDoUpdate({
      target: sourceConnections.id,
      set: {
        label: connection.label ?? null,
        connectedBy: connection.connectedBy,
        credentials: connection.credentials,
        state: sql`case when ${sourceConnections.state} = 'syncing' then 'syncing' else 'ok' end`,
        lastError: null,
        updatedAt: sql`now()`,
      },
    })
    .returning();
  if (!row) throw new Error(`source connection ${connection.id} was not saved`);
  return row;
}

/**
 * Replaces the sealed credentials in one write: a refresh rotates the access AND refresh tokens, and
 * losing either would lock the connection out.
 */
export async function saveSourceCredentials(db: Db, id: string, credentials: string): Promise<void> {
  await update(db, id, { credentials });
}

/**
 * Takes the connection's sync lease for `leaseMs` unless another owner holds an unexpired one.
 * Returns false when a sync is already running. A killed process's lease simply runs out.
 */
export async function acquireSyncLease(db: Db, id: string, owner: string, leaseMs: number): Promise<boolean> {
  const rows = await db
    .update(sourceConnections)
    .set({ syncLeaseOwner: owner, syncLeaseUntil: sql`now() + ${`${leaseMs} milliseconds`}::interval` })
    .where(
      and(
        eq(sourceConnections.id, id),
        or(
          isNull(sourceConnections.syncLeaseUntil),
          lt(sourceConnections.syncLeaseUntil, sql`now()`),
          eq(sourceConnections.syncLeaseOwner, owner),
        ),
      ),
    )
    .returning({ id: sourceConnections.id });
  return rows.length > 0;
}

/** Extends a held lease; false when it was lost (expired and taken by another sync). */
export async function renewSyncLease(db: Db, id: string, owner: string, leaseMs: number): Promise<boolean> {
  const rows = await db
    .update(sourceConnections)
    .set({ syncLeaseUntil: sql`now() + ${`${leaseMs} milliseconds`}::interval` })
    .where(and(eq(sourceConnections.id, id), eq(sourceConnections.syncLeaseOwner, owner)))
    .returning({ id: sourceConnections.id });
  return rows.length > 0;
}

export async function releaseSyncLease(db: Db, id: string, owner: string): Promise<void> {
  await db
    .update(sourceConnections)
    .set({ syncLeaseOwner: null, syncLeaseUntil: null })
    .where(and(eq(sourceConnections.id, id), eq(sourceConnections.syncLeaseOwner, owner)));
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
  /** When we read it (our clock). */
  indexedAt: Date;
  contentHash: string;
  metadata: Record<string, unknown>;
  access: DocumentAccess | null;
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
      indexedAt: documents.indexedAt,
      contentHash: documents.contentHash,
      access: documents.access,
    })
    .from(documents)
    .where(and(eq(documents.workspaceId, workspaceId), eq(documents.source, source)));
  return rows.map((row) => ({
    ...row,
    parentId: typeof row.metadata.parentId === "string" ? row.metadata.parentId : undefined,
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
