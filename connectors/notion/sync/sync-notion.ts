import { isNotionClientError } from "@notionhq/client";
import { countDocuments } from "#shared/db/document-repository.ts";
import type { SourceConnectionRow } from "#shared/db/schema.ts";
import {
  getSourceConnection,
  markSourceError,
  markSourceNeedsReauth,
  markSourceOk,
  markSourceSyncing,
} from "#shared/db/source-connection-repository.ts";
import { AppError, ErrorCode, errorMessage, isAppError } from "#shared/errors/app-error.ts";
import { needsNotionReauth, reconnectNotionHint, toNotionError } from "../client/notion-error.ts";
import { fullNotionSync } from "./full-notion-sync.ts";
import { incrementalNotionSync } from "./incremental-notion-sync.ts";
import { nextNotionSyncState, readNotionCursor } from "./notion-sync-state.ts";
import type {
  NotionPassResult,
  NotionSyncDependencies,
  NotionSyncMode,
  NotionSyncReport,
} from "./notion-sync-types.ts";

export interface SyncNotionOptions extends NotionSyncDependencies {
  /** The connection (see source-connection-repository); its row is re-read for the latest cursor. */
  connectionId: string;
  /** Incremental falls back to full when the connection has no cursor yet. */
  mode: NotionSyncMode;
  /** Pages known to have changed (webhooks): an incremental pass looks them up directly. */
  pageIds?: readonly string[];
  now?: () => Date;
}

/**
 * One sync of one Notion connection, with its state recorded: `syncing` while it runs, then `ok`
 * (cursor and counts), `needs_reauth` (401: the token is dead) or `error`. A failed sync deletes
 * nothing and leaves the cursor where it was; it rethrows an AppError in plain words.
 */
export async function syncNotion(options: SyncNotionOptions): Promise<NotionSyncReport> {
  const { database, connectionId } = options;
  const now = options.now ?? (() => new Date());
  const connection = await getSourceConnection(database.db, connectionId);
  if (!connection) {
    throw new AppError(ErrorCode.NotFound, `There is no source connection "${connectionId}".`, {
      hint: "list connections with `sabio sources --workspace <id>`",
    });
  }
  const { workspaceId, source } = connection;
  const startedAt = now();
  await markSourceSyncing(database.db, connectionId, startedAt);
  const mode: NotionSyncMode =
    options.mode === "incremental" && readNotionCursor(connection.syncState) ? "incremental" : "full";
  let pass: NotionPassResult;
  try {
    pass = await runPass(options, mode, connection);
  } catch (thrown) {
    throw await recordFailure(options, thrown);
  }
  const documentCount = await countDocuments(database.db, workspaceId, source);
  if (!pass.complete) {
    const unread = pass.failed.map((failure) => failure.error.message).join("; ");
    await markSourceError(
      database.db,
      connectionId,
      `Some of Notion could not be read (${unread}); nothing was deleted and the next sync tries again.`,
    );
    return { mode, state: "error", ...pass };
  }
  await markSourceOk(database.db, connectionId, {
    ...syncStateField(nextNotionSyncState(connection.syncState, pass.cursor)),
    documentCount,
    ...(mode === "full" ? { completeAt: startedAt } : {}),
  });
  return { mode, state: "ok", ...pass };
}

function runPass(
  options: SyncNotionOptions,
  mode: NotionSyncMode,
  connection: SourceConnectionRow,
): Promise<NotionPassResult> {
  const { workspaceId, source } = connection;
  const cursor = readNotionCursor(connection.syncState);
  if (mode === "full" || !cursor) return fullNotionSync(options, { workspaceId, source });
  return incrementalNotionSync(options, {
    workspaceId,
    source,
    cursor,
    previousSyncAt: connection.lastSyncAt,
    ...(options.pageIds === undefined ? {} : { pageIds: options.pageIds }),
  });
}

/** Records why the sync stopped and returns the AppError to throw. */
async function recordFailure(options: SyncNotionOptions, thrown: unknown): Promise<AppError> {
  const error = isAppError(thrown) || isNotionClientError(thrown) ? toNotionError(thrown) : internal(thrown);
  const db = options.database.db;
  if (needsNotionReauth(error)) {
    const message =
      "Notion no longer accepts this connection's token, so the sync stopped; nothing was deleted.";
    await markSourceNeedsReauth(db, options.connectionId, message);
    return new AppError(ErrorCode.InvalidConfig, message, { cause: error, hint: reconnectNotionHint });
  }
  const message = `The Notion sync failed (${error.message}); nothing was deleted and the next sync tries again.`;
  await markSourceError(db, options.connectionId, message);
  return new AppError(error.code, message, {
    cause: error,
    retryable: error.retryable,
    ...(error.hint === undefined ? {} : { hint: error.hint }),
  });
}

function internal(thrown: unknown): AppError {
  return new AppError(ErrorCode.Internal, errorMessage(thrown), { cause: thrown, retryable: true });
}

function syncStateField(syncState: unknown): { syncState?: unknown } {
  return syncState === undefined ? {} : { syncState };
}
