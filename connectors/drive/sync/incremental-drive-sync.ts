import type { drive_v3 } from "@googleapis/drive";
import type { SourcePassResult } from "#connectors/sources/source-connector.ts";
import type { IndexedSourceDocument } from "#shared/db/source-connection-repository.ts";
import { deleteDriveDocuments } from "./delete-drive-documents.ts";
import type { DriveListedFile } from "./drive-fields.ts";
import { type DrivePassInput, indexedByFileId, passResult } from "./drive-pass.ts";
import { FolderPaths } from "./folder-paths.ts";
import { listDriveChanges } from "./list-drive-changes.ts";
import { settleDriveFiles } from "./settle-drive-files.ts";

/**
 * Follows the changes feed from the stored token: a file removed (deleted, or access lost) or
 * trashed loses its document; a changed file is settled alone (read only when its content moved; a
 * permission change or a move alone updates access and metadata without a read). Nothing changed
 * costs one call and no read. A renamed or moved folder's files keep their old path until the daily
 * full pass.
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
  const paths = new FolderPaths();
  const goneIds: string[] = [];
  const files: DriveListedFile[] = [];
  for (const change of feed.changes) {
    const file = change.file;
    if (change.removed || !file || file.trashed) goneIds.push(change.fileId ?? "");
    else if (!paths.see(file)) files.push(file);
  }
  const knownPaths = pathsByParent(indexed.values());
  const settled = await settleDriveFiles(context, {
    ...input,
    files,
    indexed,
    folderPath: (file) => folderPathOf(api, paths, knownPaths, file),
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

/** Files already indexed tell where their folder is: their recorded path, by parent folder id. */
function pathsByParent(indexed: Iterable<IndexedSourceDocument>): Map<string, string | null> {
  const byParent = new Map<string, string | null>();
  for (const document of indexed) {
    const { parentId, folderPath } = document.metadata;
    if (typeof parentId !== "string") continue;
    byParent.set(parentId, typeof folderPath === "string" ? folderPath : null);
  }
  return byParent;
}

async function folderPathOf(
  api: drive_v3.Drive,
  paths: FolderPaths,
  knownPaths: ReadonlyMap<string, string | null>,
  file: DriveListedFile,
): Promise<string | undefined> {
  const parent = file.parents?.[0];
  if (parent && knownPaths.has(parent)) return knownPaths.get(parent) ?? undefined;
  return paths.resolve(api, file);
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
