import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import {
  type NotionClientSettings,
  notionClientForConnection,
} from "#connectors/notion/client/notion-client-for-connection.ts";
import type { NotionSyncMode, NotionSyncReport } from "#connectors/notion/sync/notion-sync-types.ts";
import { syncNotion } from "#connectors/notion/sync/sync-notion.ts";
import type { Database } from "#shared/db/database.ts";
import type { SourceConnectionRow } from "#shared/db/schema.ts";
import {
  acquireSyncLease,
  getSourceConnection,
  markSourceError,
  markSourceNeedsReauth,
  releaseSyncLease,
  renewSyncLease,
} from "#shared/db/source-connection-repository.ts";
import { AppError, ErrorCode, errorMessage, isAppError } from "#shared/errors/app-error.ts";
import type { Embedder } from "#shared/knowledge/embed/embedder.ts";
import type { VectorStore } from "#shared/knowledge/store/vector-store.ts";
import type { Logger } from "#shared/log/logger.ts";
import { type SourceAlerts, silentSourceAlerts } from "./source-alerts.ts";
import type { OnSyncProgress } from "./sync-progress.ts";

export type SyncMode = NotionSyncMode;

export interface SyncSourceDependencies {
  database: Database;
  store: VectorStore;
  embedder: Embedder | null;
  logger: Logger;
  notion: NotionClientSettings;
  alerts?: SourceAlerts;
  /** How long a sync's lease lasts without renewal (default 60 s; renewed every third of it). */
  leaseMs?: number;
  /** Pages settled so far (the CLI draws it on a terminal). */
  onProgress?: OnSyncProgress;
}

export type SyncSourceResult =
  | { status: "done"; connection: SourceConnectionRow; report: NotionSyncReport }
  /** Another sync of this connection holds the lease: nothing ran. */
  | { status: "busy"; connection: SourceConnectionRow };

/**
 * Syncs one connection now, unless another sync of it runs (anywhere: the lease lives in the
 * database). Throws AppError: not_found for an unknown connection, and the sync's own failure
 * (already recorded on the connection, admins alerted when it needs re-auth).
 */
export async function syncSource(
  dependencies: SyncSourceDependencies,
  request: { connectionId: string; mode: SyncMode; pageIds?: readonly string[] },
): Promise<SyncSourceResult> {
  const { database, logger } = dependencies;
  const db = database.db;
  const connection = await getSourceConnection(db, request.connectionId);
  if (!connection) {
    throw new AppError(ErrorCode.NotFound, `There is no source connection "${request.connectionId}".`, {
      hint: "list connections with `sabio sources --workspace <id>`",
    });
  }
  const leaseMs = dependencies.leaseMs ?? 60_000;
  const owner = `${hostname()}:${process.pid}:${randomUUID()}`;
  if (!(await acquireSyncLease(db, connection.id, owner, leaseMs))) return { status: "busy", connection };
  const renewal = setInterval(
    () => {
      renewSyncLease(db, connection.id, owner, leaseMs).then(
        (held) => {
          if (!held) logger.warn({ connectionId: connection.id }, "sync lease lost; another sync may start");
        },
        (error: unknown) =>
          logger.warn({ connectionId: connection.id, err: String(error) }, "sync lease renewal failed"),
      );
    },
    Math.max(1_000, Math.floor(leaseMs / 3)),
  );
  renewal.unref();
  try {
    const client = await notionClientForConnection(connection, dependencies.notion).catch(
      async (thrown: unknown) => {
        await recordCredentialFailure(database, connection.id, thrown);
        throw thrown;
      },
    );
    const report = await syncNotion({
      client,
      database,
      store: dependencies.store,
      embedder: dependencies.embedder,
      logger,
      connectionId: connection.id,
      mode: request.mode,
      ...(request.pageIds === undefined ? {} : { pageIds: request.pageIds }),
      ...(dependencies.onProgress === undefined ? {} : { onProgress: dependencies.onProgress }),
    });
    return {
      status: "done",
      connection: (await getSourceConnection(db, connection.id)) ?? connection,
      report,
    };
  } catch (thrown) {
    await alertIfStopped(dependencies, connection.id, thrown);
    throw thrown;
  } finally {
    clearInterval(renewal);
    await releaseSyncLease(db, connection.id, owner);
  }
}

/** No usable credential: the connection needs an admin before anything can sync. */
async function recordCredentialFailure(
  database: Database,
  connectionId: string,
  thrown: unknown,
): Promise<void> {
  const message = errorMessage(thrown);
  if (isAppError(thrown) && thrown.code === ErrorCode.InvalidConfig)
    await markSourceNeedsReauth(database.db, connectionId, message);
  else await markSourceError(database.db, connectionId, message);
}

async function alertIfStopped(
  dependencies: SyncSourceDependencies,
  connectionId: string,
  thrown: unknown,
): Promise<void> {
  if (!isAppError(thrown)) return;
  const latest = await getSourceConnection(dependencies.database.db, connectionId);
  if (latest?.state !== "needs_reauth") return;
  await (dependencies.alerts ?? silentSourceAlerts).needsReauth(latest, latest.lastError ?? thrown.message);
}
