import type {
  SourcePassResult,
  SourceSyncContext,
  SourceSyncRequest,
} from "#connectors/sources/source-connector.ts";
import { AppError, ErrorCode } from "#shared/errors/app-error.ts";
import { needsDriveReauth, reconnectDriveHint, toDriveError } from "../client/drive-error.ts";
import type { DrivePassInput } from "./drive-pass.ts";
import { readDrivePageToken } from "./drive-sync-state.ts";
import { fullDriveSync } from "./full-drive-sync.ts";
import { incrementalDriveSync } from "./incremental-drive-sync.ts";

/**
 * One pass over one Drive connection: incremental from the page token in its sync state, or full
 * (asked for, no token yet, or a token Drive no longer takes). Rethrows a failure as an AppError in
 * plain words: invalid_config when the credential is dead (syncSource marks needs re-auth and tells
 * admins), retryable for rate limits and outages; nothing is deleted then.
 */
export async function syncDrive(
  input: Omit<DrivePassInput, "context">,
  context: SourceSyncContext,
  request: SourceSyncRequest,
): Promise<SourcePassResult> {
  const pass: DrivePassInput = { ...input, context };
  const token = readDrivePageToken(context.connection.syncState);
  try {
    if (request.mode === "full" || token === undefined) return await fullDriveSync(pass);
    try {
      return await incrementalDriveSync(pass, token);
    } catch (thrown) {
      const error = toDriveError(thrown);
      if (error.code !== ErrorCode.InvalidInput && error.code !== ErrorCode.NotFound) throw error;
      context.logger.warn(
        { connectionId: context.connection.id, err: error.message },
        "Drive refused the stored changes token; running a full sync",
      );
      return await fullDriveSync(pass);
    }
  } catch (thrown) {
    throw driveSyncError(toDriveError(thrown));
  }
}

function driveSyncError(error: AppError): AppError {
  if (needsDriveReauth(error)) {
    const message = `Google Drive no longer accepts this connection's credential (${error.message}), so the sync stopped; nothing was deleted.`;
    return new AppError(ErrorCode.InvalidConfig, message, {
      cause: error,
      hint: error.hint ?? reconnectDriveHint,
    });
  }
  const message = `The Google Drive sync failed (${error.message}); nothing was deleted and the next sync tries again.`;
  return new AppError(error.code, message, {
    cause: error,
    retryable: error.retryable,
    ...(error.hint === undefined ? {} : { hint: error.hint }),
  });
}
