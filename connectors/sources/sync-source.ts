import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import type { Database } from "#shared/db/database.ts";
import { countDocuments } from "#shared/db/document-repository.ts";
import type { SourceConnectionRow } from "#shared/db/schema.ts";
import {
  acquireSyncLease,
  getSourceConnection,
  markSourceError,
  markSourceNeedsReauth,
  markSourceOk,
  markSourceSyncing,
  releaseSyncLease,
  renewSyncLease,
} from "#shared/db/source-connection-repository.ts";
import { AppError, ErrorCode, errorMessage, isAppError } from "#shared/errors/app-error.ts";
import type { Embedder } from "#shared/knowledge/embed/embedder.ts";
import type { VectorStore } from "#shared/knowledge/store/vector-store.ts";
import type { Logger } from "#shared/log/logger.ts";
import { noTelemetry, type Telemetry } from "#shared/telemetry/telemetry.ts";
import { type SourceAlerts, silentSourceAlerts } from "./source-alerts.ts";
import {
  needsReauth,
  type SourceConnector,
  type SourceSyncReport,
  type SourceSyncRequest,
} from "./source-connector.ts";
import type { SourceConnectors } from "./source-connectors.ts";
import type { OnSyncProgress } from "./sync-progress.ts";

export type { SyncMode } from "./source-connector.ts";

import type { SyncMode } from "./source-connector.ts";

export interface SyncSourceDependencies {
  database: Database;
  store: VectorStore;
  embedder: Embedder | null;
  logger: Logger;
  /** One connector per kind, built by the entry point with its settings and I/O. */
  connectors: SourceConnectors;
  alerts?: SourceAlerts;
  /** How long a sync's lease lasts without renewal (default 60 s; renewed every third of it). */
  leaseMs?: number;
  /** Items settled so far (the CLI draws it on a terminal). */
  onProgress?: OnSyncProgress;
  /** Told of each sync that ran (how long, how much, how it ended); default: nobody. */
  telemetry?: Telemetry;
  now?: () => Date;
}

export type SyncSourceResult =
  | { status: "done"; connection: SourceConnectionRow; report: SourceSyncReport }
  /** Another sync of this connection holds the lease: nothing ran. */
  | { status: "busy"; connection: SourceConnectionRow };

/**
 * Syncs one connection now, unless another sync of it runs (anywhere: the lease lives in the
 * database), with its state recorded: `syncing` while it runs, then `ok` (sync state and counts),
 * `needs_reauth` (the credential is dead: admins are told) or `error`. A failed sync deletes nothing
 * and leaves the sync state where it was. Throws AppError: not_found for an unknown connection, and
 * the sync's own failure in plain words.
 */
export async function syncSource(
  dependencies: SyncSourceDependencies,
  request: SourceSyncRequest & { connectionId: string },
): Promise<SyncSourceResult> {
  const { database, logger } = dependencies;
  const db = database.db;
  const connection = await getSourceConnection(db, request.connectionId);
  if (!connection) {
    throw new AppError(ErrorCode.NotFound, `There is no source connection "${request.connectionId}".`, {
      hint: "list connections with `sabio sources --workspace <id>`",
    });
  }
  const connector = dependencies.connectors.get(connection.kind);
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
  const telemetry = dependencies.telemetry ?? noTelemetry;
  const started = performance.now();
  const finished = (state: string, counts: { mode: SyncMode; documents: number; failed: number }) =>
    telemetry.syncFinished({
      workspaceId: connection.workspaceId,
      kind: connection.kind,
      connectionId: connection.id,
      state,
      durationMs: Math.round(performance.now() - started),
      ...counts,
    });
  try {
    const report = await runSync(dependencies, connector, request);
    finished(report.state, { mode: report.mode, documents: report.documents, failed: report.failed.length });
    return {
      status: "done",
      connection: (await getSourceConnection(db, connection.id)) ?? connection,
      report,
    };
  } catch (thrown) {
    finished(needsReauth(thrown) ? "needs_reauth" : "error", { mode: request.mode, documents: 0, failed: 0 });
    await alertIfStopped(dependencies, connection.id, thrown);
    throw thrown;
  } finally {
    clearInterval(renewal);
    await releaseSyncLease(db, connection.id, owner);
  }
}

async function runSync(
  dependencies: SyncSourceDependencies,
  connector: SourceConnector,
  request: SourceSyncRequest & { connectionId: string },
): Promise<SourceSyncReport> {
  const db = dependencies.database.db;
  const { connectionId } = request;
  const session = await connector.open(await latest(dependencies, connectionId)).catch(async (thrown) => {
    await recordFailure(dependencies, connectionId, thrown);
    throw thrown;
  });
  const startedAt = (dependencies.now ?? (() => new Date()))();
  await markSourceSyncing(db, connectionId, startedAt);
  // Re-read under the lease: the sync state another sync saved just before is the one to start from.
  const connection = await latest(dependencies, connectionId);
  const { syncState, ...pass } = await session
    .sync(
      {
        connection,
        database: dependencies.database,
        store: dependencies.store,
        embedder: dependencies.embedder,
        logger: dependencies.logger,
        ...(dependencies.onProgress === undefined ? {} : { onProgress: dependencies.onProgress }),
      },
      { mode: request.mode, ...(request.itemIds === undefined ? {} : { itemIds: request.itemIds }) },
    )
    .catch(async (thrown: unknown) => {
      throw await recordFailure(dependencies, connectionId, thrown);
    });
  const documentCount = await countDocuments(db, connection.workspaceId, connection.source);
  if (!pass.complete) {
    const unread = pass.failed.map((failure) => failure.error.message).join("; ");
    await markSourceError(
      db,
      connectionId,
      `Some of ${connector.displayName} could not be read (${unread}); nothing was deleted and the next sync tries again.`,
    );
    return { ...pass, state: "error" };
  }
  await markSourceOk(db, connectionId, {
    ...(syncState === undefined ? {} : { syncState }),
    documentCount,
    ...(pass.mode === "full" ? { completeAt: startedAt } : {}),
  });
  return { ...pass, state: "ok" };
}

async function latest(
  dependencies: SyncSourceDependencies,
  connectionId: string,
): Promise<SourceConnectionRow> {
  const connection = await getSourceConnection(dependencies.database.db, connectionId);
  if (connection) return connection;
  throw new AppError(ErrorCode.NotFound, `There is no source connection "${connectionId}".`);
}

/** Records why the sync stopped (a dead credential: needs re-auth) and returns the error to throw. */
async function recordFailure(
  dependencies: SyncSourceDependencies,
  connectionId: string,
  thrown: unknown,
): Promise<unknown> {
  const message = errorMessage(thrown);
  if (needsReauth(thrown)) await markSourceNeedsReauth(dependencies.database.db, connectionId, message);
  else await markSourceError(dependencies.database.db, connectionId, message);
  return thrown;
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
