import { type Client, isNotionClientError } from "@notionhq/client";
import type {
  SourcePassResult,
  SourceSyncContext,
  SourceSyncRequest,
  SyncMode,
} from "#connectors/sources/source-connector.ts";
import { AppError, ErrorCode, errorMessage, isAppError } from "#shared/errors/app-error.ts";
import { needsNotionReauth, reconnectNotionHint, toNotionError } from "../client/notion-error.ts";
import { fullNotionSync } from "./full-notion-sync.ts";
import { incrementalNotionSync } from "./incremental-notion-sync.ts";
import { nextNotionSyncState, readNotionCursor } from "./notion-sync-state.ts";
import type { NotionPassResult } from "./notion-sync-types.ts";

/**
 * One pass over one Notion connection: full, or incremental from the cursor in its sync state (full
 * when it has none yet). Deletes only after a complete listing; rethrows a failure as an AppError in
 * plain words (invalid_config when Notion no longer accepts the token). syncSource records the outcome.
 */
export async function syncNotion(
  client: Client,
  context: SourceSyncContext,
  request: SourceSyncRequest,
): Promise<SourcePassResult> {
  const { connection } = context;
  const cursor = readNotionCursor(connection.syncState);
  const mode: SyncMode = request.mode === "incremental" && cursor ? "incremental" : "full";
  let pass: NotionPassResult;
  try {
    pass = await runPass(client, context, cursor && mode === "incremental" ? cursor : null, request);
  } catch (thrown) {
    throw notionSyncError(thrown);
  }
  const { cursor: newest, ...counts } = pass;
  const syncState = nextNotionSyncState(connection.syncState, newest);
  return {
    mode,
    ...counts,
    seen: counts.documents + counts.unchanged + counts.failed.length,
    skipped: [],
    ...(syncState === undefined ? {} : { syncState }),
  };
}

function runPass(
  client: Client,
  context: SourceSyncContext,
  cursor: Date | null,
  request: SourceSyncRequest,
): Promise<NotionPassResult> {
  const { connection } = context;
  const { workspaceId, source } = connection;
  const dependencies = { ...context, client };
  if (cursor === null) return fullNotionSync(dependencies, { workspaceId, source });
  return incrementalNotionSync(dependencies, {
    workspaceId,
    source,
    cursor,
    previousSyncAt: connection.lastSyncAt,
    ...(request.itemIds === undefined ? {} : { pageIds: request.itemIds }),
  });
}

/** Why the sync stopped, as the AppError to throw. */
function notionSyncError(thrown: unknown): AppError {
  const error = isAppError(thrown) || isNotionClientError(thrown) ? toNotionError(thrown) : internal(thrown);
  if (needsNotionReauth(error)) {
    const message =
      "Notion no longer accepts this connection's token, so the sync stopped; nothing was deleted.";
    return new AppError(ErrorCode.InvalidConfig, message, { cause: error, hint: reconnectNotionHint });
  }
  const message = `The Notion sync failed (${error.message}); nothing was deleted and the next sync tries again.`;
  return new AppError(error.code, message, {
    cause: error,
    retryable: error.retryable,
    ...(error.hint === undefined ? {} : { hint: error.hint }),
  });
}

function internal(thrown: unknown): AppError {
  return new AppError(ErrorCode.Internal, errorMessage(thrown), { cause: thrown, retryable: true });
}
