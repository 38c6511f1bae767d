import type { drive_v3 } from "@googleapis/drive";
import { ErrorCode } from "#shared/errors/app-error.ts";
import { toDriveError } from "../client/drive-error.ts";
import { type DriveListedFile, folderMimeType } from "./drive-fields.ts";
import type { FolderStep } from "./folder-steps.ts";

interface Folder {
  name: string;
  parent: string | undefined;
}

/** Deeper than any real tree: a guard against a cycle in what Drive says. */
const maxDepth = 50;

/**
 * The folders above a file (root first: "Team drive" › "Policies" › "HR") from the folders a listing
 * showed and the shared drives' names. A parent that is not known (My Drive's root, a folder not
 * shared with the account) ends the path. `resolve` looks unknown parents up (files.get, drives.get)
 * for the few files an incremental sync reads; a lookup that fails ends the path instead of failing
 * the file. `recall` takes in what earlier passes stored, so an incremental sync rarely looks up.
 */
export class FolderPaths {
  private readonly folders = new Map<string, Folder>();
  private readonly drives = new Map<string, string>();
  /** Parents known to end a path: not shown by Drive, or the root a stored file sat in. */
  private readonly ends = new Set<string>();
  /** Asked once, before the first folder lookup. */
  private root: Promise<void> | undefined;

  /** Records `file` when it is a folder (over anything recalled about it); returns whether it was. */
  see(file: DriveListedFile): boolean {
    if (file.mimeType !== folderMimeType || !file.id) return false;
    this.folders.set(file.id, {
      name: file.name?.trim() || "Untitled",
      parent: file.parents?.[0] ?? undefined,
    });
    this.ends.delete(file.id);
    return true;
  }

  /**
   * Takes in the steps an earlier pass stored above a file: the first is its shared drive when its
   * id is the file's `driveId`; no steps under a parent means that parent ends a path. A recalled
   * top folder's own parent is not known, so a path still ends there unless `see` says otherwise.
   */
  recall(steps: readonly FolderStep[], driveId: string | undefined, parentId: string | undefined): void {
    if (steps.length === 0) {
      if (parentId !== undefined && !this.folders.has(parentId)) this.ends.add(parentId);
      return;
    }
    steps.forEach((step, index) => {
      if (index === 0 && step.id === driveId) {
        if (!this.drives.has(step.id)) this.drives.set(step.id, step.name);
        return;
      }
      const above = index === 0 ? undefined : steps[index - 1]?.id;
      const parent = above ?? this.folders.get(step.id)?.parent;
      this.folders.set(step.id, { name: step.name, parent });
    });
  }

  nameDrive(id: string, name: string): void {
    this.drives.set(id, name);
  }

  /** The folders `file` sits in, root first; empty at a root or when nothing is known. */
  stepsOf(file: DriveListedFile): FolderStep[] {
    const steps: FolderStep[] = [];
    let parent = file.parents?.[0] ?? undefined;
    for (let depth = 0; parent !== undefined && depth < maxDepth; depth += 1) {
      const folder = this.folders.get(parent);
      if (!folder) {
        const drive = this.drives.get(parent);
        if (drive) steps.push({ id: parent, name: drive });
        break;
      }
      steps.push({ id: parent, name: folder.name });
      parent = folder.parent;
    }
    return steps.reverse();
  }

  /** Looks up the unknown folders above `file` (and its shared drive's name), then its steps. */
  async resolve(api: drive_v3.Drive, file: DriveListedFile): Promise<FolderStep[]> {
    if (file.driveId && !this.drives.has(file.driveId)) await this.lookUpDrive(api, file.driveId);
    let parent = file.parents?.[0] ?? undefined;
    for (let depth = 0; parent !== undefined && depth < maxDepth; depth += 1) {
      if (this.drives.has(parent) || this.ends.has(parent)) break;
      const known = this.folders.get(parent) ?? (await this.lookUpFolder(api, parent));
      parent = known?.parent;
    }
    return this.stepsOf(file);
  }

  private async lookUpFolder(api: drive_v3.Drive, id: string): Promise<Folder | undefined> {
    // My Drive's root is a folder too ("My Drive"): a path ends there, as in a full listing.
    this.root ??= this.lookUpRoot(api);
    await this.root;
    if (this.ends.has(id)) return undefined;
    const data = await lookUp(() =>
      api.files.get({ fileId: id, fields: "id,name,mimeType,parents", supportsAllDrives: true }),
    );
    if (!data || !this.see(data)) {
      this.ends.add(id);
      return undefined;
    }
    return this.folders.get(id);
  }

  private async lookUpRoot(api: drive_v3.Drive): Promise<void> {
    const data = await lookUp(() => api.files.get({ fileId: "root", fields: "id" }));
    if (data?.id) this.ends.add(data.id);
  }

  private async lookUpDrive(api: drive_v3.Drive, id: string): Promise<void> {
    const data = await lookUp(() => api.drives.get({ driveId: id, fields: "id,name" }));
    if (data?.name) this.drives.set(id, data.name);
    else this.ends.add(id);
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
