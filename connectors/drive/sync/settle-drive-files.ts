import type { drive_v3 } from "@googleapis/drive";
import type {
  SkippedItem,
  SourceSyncContext,
  SourceSyncProblem,
} from "#connectors/sources/source-connector.ts";
import type { IndexedSourceDocument } from "#shared/db/source-connection-repository.ts";
import { ErrorCode, isAppError } from "#shared/errors/app-error.ts";
import type { SourceDocument } from "#shared/knowledge/document.ts";
import { toDriveError } from "../client/drive-error.ts";
import type { DriveSkipReason } from "../content/drive-file-read.ts";
import type { DriveContentLimits } from "../content/drive-file-ref.ts";
import { readDriveFile } from "../content/read-drive-file.ts";
import { type DriveSyncTarget, driveDocument, isKnownCurrent, listingMetadata } from "./drive-document.ts";
import type { DriveListedFile } from "./drive-fields.ts";
import { DriveIndexBatches, type DriveIndexCounts } from "./drive-index-batches.ts";
import { driveFileAccess } from "./file-access.ts";
import { type FolderStep, folderPathOf } from "./folder-steps.ts";
import { touchUnchanged } from "./touch-unchanged.ts";

/** Files read at once: exports and downloads overlap, within the request budget. */
const concurrency = 4;

/** Skips that say the indexed copy is wrong now (gone, no longer text): it is deleted. Others keep it. */
const staleReasons: ReadonlySet<DriveSkipReason> = new Set(["gone", "unsupported", "no-text", "empty"]);

export interface DriveSettleRequest {
  api: drive_v3.Drive;
  target: DriveSyncTarget;
  limits: DriveContentLimits;
  files: readonly DriveListedFile[];
  /** The indexed documents by file id. */
  indexed: ReadonlyMap<string, IndexedSourceDocument>;
  /** The folders above a file, root first. */
  folders(file: DriveListedFile): Promise<FolderStep[]>;
}

export interface DriveSettleResult extends DriveIndexCounts {
  /** Files whose indexed copy is no longer right (trashed while read, now images only…): to delete. */
  stale: string[];
  skipped: SkippedItem[];
  failed: SourceSyncProblem[];
}

/**
 * Brings the index in line with listed files: a file known current (see isKnownCurrent) is not read,
 * only its access and metadata updated when they moved; any other is read and indexed (unchanged
 * content costs no embedding: the indexer compares hashes). A permanent problem skips that file;
 * one that may pass (rate limits past the retries, 5xx) is a failure; a dead credential stops the
 * whole pass (thrown).
 */
export async function settleDriveFiles(
  context: SourceSyncContext,
  request: DriveSettleRequest,
): Promise<DriveSettleResult> {
  const { api, target, indexed } = request;
  const batches = new DriveIndexBatches(context, target);
  const result: DriveSettleResult = { ...batches.counts, stale: [], skipped: [], failed: [] };
  let stop: unknown;
  let next = 0;

  const settle = async (file: DriveListedFile) => {
    const fileId = file.id ?? "";
    const known = indexed.get(fileId);
    const folders = await request.folders(file);
    const listed = listingMetadata(file, folders);
    if (known && isKnownCurrent(file, known)) {
      const access = await driveFileAccess(api, file, context.logger);
      await touchUnchanged(context, target.workspaceId, known, { metadata: listed, access });
      batches.countUnchanged();
      return;
    }
    const read = await readDriveFile(api, { ...file, folderPath: folderPathOf(folders) }, request.limits);
    if (read.status === "skipped") {
      if (known && staleReasons.has(read.reason)) result.stale.push(fileId);
      result.skipped.push({ id: fileId, reason: `${file.name || fileId}: ${read.note}` });
      return;
    }
    const access = await driveFileAccess(api, file, context.logger);
    const document: SourceDocument = driveDocument(target, read, access, listed);
    await batches.add(document);
  };

  const worker = async () => {
    while (stop === undefined && next < request.files.length) {
      const file = request.files[next++] as DriveListedFile;
      try {
        await settle(file);
      } catch (thrown) {
        const error = isAppError(thrown) ? thrown : toDriveError(thrown);
        if (error.code === ErrorCode.InvalidConfig) stop ??= error;
        else result.failed.push({ id: file.id ?? "", error });
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  await batches.flush();
  if (stop !== undefined) throw stop;
  return { ...result, ...batches.counts };
}
