import type { drive_v3 } from "@googleapis/drive";
import { ErrorCode } from "#shared/errors/app-error.ts";
import { toDriveError } from "../client/drive-error.ts";
import { type DriveListedFile, folderMimeType } from "./drive-fields.ts";

interface Folder {
  name: string;
  parent: string | undefined;
}

/** Deeper than any real tree: a guard against a cycle in what Drive says. */
const maxDepth = 50;

/**
 * Folder paths ("Team drive/Policies/HR") from the folders a listing showed and the shared drives'
 * names. A parent that is not known (My Drive's root, a folder not shared with the account) ends
 * the path. `resolve` looks unknown parents up (files.get, drives.get) for the few files an
 * incremental sync reads; a lookup that fails ends the path instead of failing the file.
 */
export class FolderPaths {
  private readonly folders = new Map<string, Folder>();
  private readonly drives = new Map<string, string>();
  private readonly missing = new Set<string>();

  /** Records `file` when it is a folder; returns whether it was. */
  see(file: DriveListedFile): boolean {
    if (file.mimeType !== folderMimeType || !file.id) return false;
    this.folders.set(file.id, {
      name: file.name?.trim() || "Untitled",
      parent: file.parents?.[0] ?? undefined,
    });
    return true;
  }

  nameDrive(id: string, name: string): void {
    this.drives.set(id, name);
  }

  /** The path of the folder `file` sits in, undefined at a root or when nothing is known. */
  pathOf(file: DriveListedFile): string | undefined {
    const names: string[] = [];
    let parent = file.parents?.[0] ?? undefined;
    for (let depth = 0; parent !== undefined && depth < maxDepth; depth += 1) {
      const folder = this.folders.get(parent);
      if (!folder) {
        const drive = this.drives.get(parent);
        if (drive) names.push(drive);
        break;
      }
      names.push(folder.name);
      parent = folder.parent;
    }
    return names.length === 0 ? undefined : names.reverse().join("/");
  }

  /** Looks up the unknown folders above `file` (and its shared drive's name), then its path. */
  async resolve(api: drive_v3.Drive, file: DriveListedFile): Promise<string | undefined> {
    if (file.driveId && !this.drives.has(file.driveId)) await this.lookUpDrive(api, file.driveId);
    let parent = file.parents?.[0] ?? undefined;
    for (let depth = 0; parent !== undefined && depth < maxDepth; depth += 1) {
      if (this.drives.has(parent) || this.missing.has(parent)) break;
      const known = this.folders.get(parent) ?? (await this.lookUpFolder(api, parent));
      parent = known?.parent;
    }
    return this.pathOf(file);
  }

  private async lookUpFolder(api: drive_v3.Drive, id: string): Promise<Folder | undefined> {
    const data = await lookUp(() =>
      api.files.get({ fileId: id, fields: "id,name,mimeType,parents", supportsAllDrives: true }),
    );
    if (!data || !this.see(data)) {
      this.missing.add(id);
      return undefined;
    }
    return this.folders.get(id);
  }

  private async lookUpDrive(api: drive_v3.Drive, id: string): Promise<void> {
    const data = await lookUp(() => api.drives.get({ driveId: id, fields: "id,name" }));
    if (data?.name) this.drives.set(id, data.name);
    else this.missing.add(id);
  }
}

/** The answer, or undefined when Drive will not show it; rate limits and dead credentials are thrown. */
async function lookUp<T>(call: () => Promise<{ data: T }>): Promise<T | undefined> {
  try {
    return (await call()).data;
  } catch (thrown) {
    const error = toDriveError(thrown);
    if (error.retryable || error.code === ErrorCode.InvalidConfig) throw error;
    return undefined;
  }
}
