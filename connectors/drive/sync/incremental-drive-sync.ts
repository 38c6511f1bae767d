import type { SourcePassResult } from "#connectors/sources/source-connector.ts";
import { deleteDriveDocuments } from "./delete-drive-documents.ts";
import type { DriveListedFile } from "./drive-fields.ts";
import { type DrivePassInput, indexedByFileId, passResult } from "./drive-pass.ts";
import { followFolderChanges } from "./follow-folder-changes.ts";
import { listDriveChanges } from "./list-drive-changes.ts";
import { recalledFolderPaths } from "./recalled-folder-paths.ts";
import { settleDriveFiles } from "./settle-drive-files.ts";

/**
 * Follows the changes feed from the stored token: a file removed (deleted, or access lost) or
 * trashed loses its document; a changed file is settled alone (read only when its content moved; a
 * permission change or a move alone updates access and metadata without a read); a renamed or
 * moved folder gives the documents below it their new path without a read (followFolderChanges).
 * Nothing changed costs one call and no read.
 */
export async function incrementalDriveSync(
  input: DrivePassInput,
  pageToken: string,
): Promise<SourcePassResult> {
  const { api, context, target } = input;
  const feed = await listDriveChanges(api, pageToken);
  if (feed.changes.length === 0) {
    return passResult(
      "incremental",
      { ...emptySettle() },
      {
        seen: 0,
        deleted: 0,
        complete: true,
        pageToken: feed.newStartPageToken,
      },
    );
  }
  const indexed = await indexedByFileId(context, target);
  const paths = recalledFolderPaths(indexed.values());
  const goneIds: string[] = [];
  const files: DriveListedFile[] = [];
  const folders: DriveListedFile[] = [];
  for (const change of feed.changes) {
    const file = change.file;
    if (change.removed || !file || file.trashed) goneIds.push(change.fileId ?? "");
    else if (paths.see(file)) folders.push(file);
    else files.push(file);
  }
  const named = new Set(feed.changes.map((change) => change.fileId));
  const moved = await followFolderChanges(context, {
    api,
    workspaceId: target.workspaceId,
    paths,
    folders,
    documents: [...indexed.values()].filter((document) => !named.has(document.externalId)),
  });
  if (moved > 0)
    context.logger.info({ folders: folders.length, documents: moved }, "Drive folder paths updated");
  const settled = await settleDriveFiles(context, {
    ...input,
    files,
    indexed,
    folders: (file) => paths.resolve(api, file),
  });
  const gone = new Set([...goneIds, ...settled.stale]);
  const deleted = await deleteDriveDocuments(
    context,
    target.workspaceId,
    [...indexed.values()].filter((document) => gone.has(document.externalId)).map((document) => document.id),
  );
  return passResult("incremental", settled, {
    seen: feed.changes.length,
    deleted,
    complete: true,
    pageToken: feed.newStartPageToken,
  });
}

function emptySettle() {
  return {
    documents: 0,
    indexed: 0,
    chunks: 0,
    embedded: 0,
    unchanged: 0,
    pendingVectors: 0,
    stale: [],
    skipped: [],
    failed: [],
  };
}
