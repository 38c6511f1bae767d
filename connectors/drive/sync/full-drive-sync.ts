import type { SourcePassResult } from "#connectors/sources/source-connector.ts";
import { AppError, ErrorCode } from "#shared/errors/app-error.ts";
import { deleteDriveDocuments } from "./delete-drive-documents.ts";
import { type DrivePassInput, indexedByFileId, passResult } from "./drive-pass.ts";
import { FolderPaths } from "./folder-paths.ts";
import { listDriveFiles, listSharedDrives } from "./list-drive-files.ts";
import { settleDriveFiles } from "./settle-drive-files.ts";

/**
 * Lists everything the account can read (My Drive and every shared drive, trash excluded) and
 * settles each file (read only when the index does not hold its current content); then — only when
 * the listing was complete and nothing failed for a reason that may pass — deletes what is no longer
 * listed. The changes token is taken BEFORE the listing, so an edit made during it is caught by the
 * next incremental sync.
 */
export async function fullDriveSync(input: DrivePassInput): Promise<SourcePassResult> {
  const { api, context, target } = input;
  const { data: start } = await api.changes.getStartPageToken({ supportsAllDrives: true });
  if (!start.startPageToken) throw new Error("Google Drive sent no start page token");
  const indexed = await indexedByFileId(context, target);
  const paths = new FolderPaths();
  for (const drive of await listSharedDrives(api))
    if (drive.id && drive.name) paths.nameDrive(drive.id, drive.name);
  const listing = await listDriveFiles(api);
  const files = listing.files.filter((file) => !paths.see(file) && file.id && !file.trashed);
  const settled = await settleDriveFiles(context, {
    ...input,
    files,
    indexed,
    folders: async (file) => paths.stepsOf(file),
  });
  if (!listing.complete) {
    settled.failed.push({
      id: "files.list",
      error: new AppError(
        ErrorCode.Unavailable,
        "Google Drive said its listing was incomplete (incompleteSearch)",
        {
          retryable: true,
        },
      ),
    });
  }
  const listed = new Set(files.map((file) => file.id));
  const stale = new Set(settled.stale);
  const complete = listing.complete && settled.failed.every((failure) => !failure.error.retryable);
  // A file that says itself it is gone goes at once; absence counts only after a complete listing.
  const gone = [...indexed.values()].filter(
    (document) => stale.has(document.externalId) || (complete && !listed.has(document.externalId)),
  );
  const deleted = await deleteDriveDocuments(
    context,
    target.workspaceId,
    gone.map((document) => document.id),
  );
  return passResult("full", settled, {
    seen: files.length,
    deleted,
    complete,
    pageToken: start.startPageToken,
  });
}
