import { googleTypes } from "./drive-file.ts";
import type { DriveWorld } from "./drive-world.ts";

/**
 * My Drive's root folder as files.get answers it, by its id or the alias "root": a folder named
 * "My Drive" with no parents. It is never listed and never in the changes feed, as in Drive.
 */
export function rootFolderJson(world: DriveWorld, fileId: string): Record<string, unknown> | undefined {
  if (fileId !== "root" && fileId !== world.rootFolderId) return undefined;
  return {
    kind: "drive#file",
    id: world.rootFolderId,
    name: "My Drive",
    mimeType: googleTypes.folder,
    trashed: false,
    ownedByMe: true,
    capabilities: { canListChildren: true },
  };
}
