import type { Dirent } from "node:fs";
import { readdir, realpath, stat } from "node:fs/promises";
import { join, sep } from "node:path";
import { AppError, ErrorCode, errorMessage } from "#shared/errors/app-error.ts";

export interface ScannedFile {
  /** Path inside the root, posix separators: the document's stable id. */
  relativePath: string;
  absolutePath: string;
  size: number;
  modifiedAt: Date;
}

/** An entry the scan saw but will not read, with a reason a person can act on. */
export interface ScanSkip {
  path: string;
  reason: string;
}

export interface ScanFolderOptions {
  /** More file or folder names to leave out, matched exactly, on top of dot-entries and node_modules. */
  ignore?: readonly string[];
}

export interface FolderScan {
  /** The root as resolved on disk (symlinks followed). */
  root: string;
  /** Regular files, sorted by relative path (code-unit order, so the same on every machine). */
  files: ScannedFile[];
  skipped: ScanSkip[];
}

const ALWAYS_IGNORED = ["node_modules"];

/**
 * Lists the files under `root`, recursively. Hidden entries (.git, .DS_Store) and node_modules are
 * left out silently. Symlinks are never followed out of the root; a symlinked file inside it is
 * read, a symlinked folder is not (no cycles, no duplicates). Unreadable subfolders are reported
 * in `skipped`; a root that is missing, not a folder or unreadable is invalid input.
 */
export async function scanFolder(root: string, options: ScanFolderOptions = {}): Promise<FolderScan> {
  const realRoot = await resolveRoot(root);
  const ignored = new Set([...ALWAYS_IGNORED, ...(options.ignore ?? [])]);
  const scan: FolderScan = { root: realRoot, files: [], skipped: [] };
  const entries = await readdir(realRoot, { withFileTypes: true }).catch((error: unknown) => {
    throw new AppError(ErrorCode.InvalidInput, `Cannot read folder ${root}: ${errorMessage(error)}`, {
      cause: error,
      hint: "check the folder's permissions for the user running Sabio",
    });
  });
  await walkEntries(entries, realRoot, "", { realRoot, ignored, scan });
  scan.files.sort((a, b) => compare(a.relativePath, b.relativePath));
  scan.skipped.sort((a, b) => compare(a.path, b.path));
  return scan;
}

interface WalkState {
  realRoot: string;
  ignored: ReadonlySet<string>;
  scan: FolderScan;
}

async function resolveRoot(root: string): Promise<string> {
  let realRoot: string;
  try {
    realRoot = await realpath(root);
  } catch (error) {
    throw new AppError(ErrorCode.InvalidInput, `Folder not found: ${root}`, {
      cause: error,
      hint: "pass the path of an existing folder",
    });
  }
  if (!(await stat(realRoot)).isDirectory()) {
    throw new AppError(ErrorCode.InvalidInput, `Not a folder: ${root}`, {
      hint: "pass a folder, not a file",
    });
  }
  return realRoot;
}

async function walkEntries(entries: Dirent[], directory: string, relative: string, state: WalkState) {
  await Promise.all(
    entries.map(async (entry) => {
      if (entry.name.startsWith(".") || state.ignored.has(entry.name)) return;
      const absolutePath = join(directory, entry.name);
      const relativePath = relative === "" ? entry.name : `${relative}/${entry.name}`;
      if (entry.isDirectory()) return walkDirectory(absolutePath, relativePath, state);
      if (entry.isFile()) return addFile(absolutePath, relativePath, state);
      if (entry.isSymbolicLink()) return addSymlink(absolutePath, relativePath, state);
      // Sockets, FIFOs, devices: reading a FIFO would block forever.
      state.scan.skipped.push({ path: relativePath, reason: "not a regular file" });
    }),
  );
}

async function walkDirectory(absolutePath: string, relativePath: string, state: WalkState) {
  let entries: Dirent[];
  try {
    entries = await readdir(absolutePath, { withFileTypes: true });
  } catch (error) {
    state.scan.skipped.push({
      path: `${relativePath}/`,
      reason: `unreadable folder (${errorCode(error)})`,
    });
    return;
  }
  await walkEntries(entries, absolutePath, relativePath, state);
}

async function addFile(absolutePath: string, relativePath: string, state: WalkState) {
  try {
    const stats = await stat(absolutePath);
    state.scan.files.push({ relativePath, absolutePath, size: stats.size, modifiedAt: stats.mtime });
  } catch (error) {
    state.scan.skipped.push({ path: relativePath, reason: `cannot stat (${errorCode(error)})` });
  }
}

async function addSymlink(absolutePath: string, relativePath: string, state: WalkState) {
  let target: string;
  try {
    target = await realpath(absolutePath);
  } catch {
    state.scan.skipped.push({ path: relativePath, reason: "broken symlink" });
    return;
  }
  const insideRoot = target === state.realRoot || target.startsWith(state.realRoot + sep);
  if (!insideRoot) {
    state.scan.skipped.push({ path: relativePath, reason: "symlink points outside the folder" });
    return;
  }
  const stats = await stat(target).catch(() => undefined);
  if (!stats?.isFile()) {
    state.scan.skipped.push({ path: relativePath, reason: "symlinked folder not followed" });
    return;
  }
  state.scan.files.push({ relativePath, absolutePath: target, size: stats.size, modifiedAt: stats.mtime });
}

function errorCode(error: unknown): string {
  return error instanceof Error && "code" in error ? String(error.code) : errorMessage(error);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
