import type { IndexedSourceDocument } from "#shared/db/source-connection-repository.ts";
import { FolderPaths } from "./folder-paths.ts";
import { storedFolderSteps } from "./folder-steps.ts";

/**
 * Folder paths seeded with what the stored documents say sits above them, so the few files an
 * incremental sync settles (and a renamed folder's documents) find their folders without a call.
 * A document stored before the steps were kept tells only that its parent ends a path when it had
 * no path at all.
 */
export function recalledFolderPaths(indexed: Iterable<IndexedSourceDocument>): FolderPaths {
  const paths = new FolderPaths();
  for (const document of indexed) {
    const { metadata } = document;
    const steps = storedFolderSteps(metadata) ?? (metadata.folderPath == null ? [] : undefined);
    if (steps === undefined) continue;
    const driveId = typeof metadata.driveId === "string" ? metadata.driveId : undefined;
    paths.recall(steps, driveId, document.parentId);
  }
  return paths;
}
