import type { drive_v3 } from "@googleapis/drive";
import type { SourceSyncContext } from "#connectors/sources/source-connector.ts";
import type { IndexedSourceDocument } from "#shared/db/source-connection-repository.ts";
import { placeMetadata } from "./drive-document.ts";
import type { DriveListedFile } from "./drive-fields.ts";
import type { FolderPaths } from "./folder-paths.ts";
import { storedFolderSteps } from "./folder-steps.ts";
import { touchUnchanged } from "./touch-unchanged.ts";

export interface FolderChanges {
  api: drive_v3.Drive;
  workspaceId: string;
  /** Holds the changed folders already (FolderPaths.see). */
  paths: FolderPaths;
  /** Folders the changes feed reported (not trashed or removed). */
  folders: readonly DriveListedFile[];
  /** Stored documents the feed did not name itself (those are settled on their own). */
  documents: Iterable<IndexedSourceDocument>;
}

/**
 * Drive reports a renamed or moved folder alone, not what is below it: every stored document whose
 * stored folder ids (placeMetadata) run through a reported folder gets its path again here — a
 * ledger write each, no read, no embedding (the path is not in the chunks). Folders above a
 * folder's new place that no stored document knows are looked up once each, before any document:
 * a few calls per moved folder, never one per document. A document stored before the ids were kept
 * is found only when it sits right in the folder; the next full pass stores its ids. Returns how
 * many documents' paths changed.
 */
export async function followFolderChanges(
  context: Pick<SourceSyncContext, "database" | "store">,
  changes: FolderChanges,
): Promise<number> {
  const { api, paths } = changes;
  const ids = new Set(changes.folders.map((folder) => folder.id ?? ""));
  if (ids.size === 0) return 0;
  for (const folder of changes.folders) await paths.resolve(api, folder);
  let moved = 0;
  for (const document of changes.documents) {
    const { metadata, parentId } = document;
    if (parentId === undefined || !isBelow(document, ids)) continue;
    const driveId = typeof metadata.driveId === "string" ? metadata.driveId : null;
    const folders = await paths.resolve(api, { parents: [parentId], driveId });
    const place = placeMetadata(folders);
    if (JSON.stringify(place) === JSON.stringify(storedPlace(metadata))) continue;
    await touchUnchanged(context, changes.workspaceId, document, {
      metadata: place,
      access: document.access,
    });
    moved += 1;
  }
  return moved;
}

function isBelow(document: IndexedSourceDocument, folderIds: ReadonlySet<string>): boolean {
  const steps = storedFolderSteps(document.metadata);
  if (steps) return steps.some((step) => folderIds.has(step.id));
  return document.parentId !== undefined && folderIds.has(document.parentId);
}

function storedPlace(metadata: Record<string, unknown>): Record<string, unknown> {
  return { folderPath: metadata.folderPath ?? null, folders: metadata.folders };
}
