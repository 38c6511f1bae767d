import type { drive_v3 } from "@googleapis/drive";
import type { SourcePassResult, SourceSyncContext } from "#connectors/sources/source-connector.ts";
import {
  type IndexedSourceDocument,
  listIndexedSourceDocuments,
} from "#shared/db/source-connection-repository.ts";
import type { DriveContentLimits } from "../content/drive-file-ref.ts";
import type { DriveSyncTarget } from "./drive-document.ts";
import type { DriveSettleResult } from "./settle-drive-files.ts";

/** What a full or incremental pass works with. */
export interface DrivePassInput {
  api: drive_v3.Drive;
  context: SourceSyncContext;
  target: DriveSyncTarget;
  limits: DriveContentLimits;
}

export async function indexedByFileId(
  context: SourceSyncContext,
  target: DriveSyncTarget,
): Promise<Map<string, IndexedSourceDocument>> {
  const indexed = await listIndexedSourceDocuments(context.database.db, target.workspaceId, target.source);
  return new Map(indexed.map((document) => [document.externalId, document]));
}

/** A pass's result from what settling the files did and what was deleted. */
export function passResult(
  mode: SourcePassResult["mode"],
  settled: DriveSettleResult,
  extra: { seen: number; deleted: number; complete: boolean; pageToken: string },
): SourcePassResult {
  const { stale: _stale, ...counts } = settled;
  return {
    mode,
    ...counts,
    seen: extra.seen,
    deleted: extra.deleted,
    // A failure that may pass (rate limits past the retries, 5xx) leaves the pass incomplete.
    complete: extra.complete && settled.failed.every((failure) => !failure.error.retryable),
    syncState: { pageToken: extra.pageToken },
  };
}
