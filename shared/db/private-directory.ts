import type { Dirent } from "node:fs";
import { chmod, lstat, readdir } from "node:fs/promises";
import { join } from "node:path";
import { isMainThread } from "node:worker_threads";
import { makeDirectory } from "../fs/make-directory.ts";

/** Group and other permission bits: none of them may be set on anything under DATA_DIR. */
const exposedBits = 0o077;

/**
 * Makes `directory` (DATA_DIR or a folder in it) private to this user. The WAL holds questions and
 * the ledger documents: nothing there is for other local users. Three layers, because none is
 * enough alone:
 * - the directory is 0700: others cannot reach anything inside, whatever a file's own mode;
 * - the process umask gets 077, so files LanceDB and Sabio create while running are 0600;
 * - PGlite's WASM file system sets its files' modes itself (0666, the umask does not apply), so
 *   everything already there is chmod-ed private here, at open, and again at close
 *   (`makePrivate`). The files it creates in between are behind the 0700 directory.
 */
export async function preparePrivateDirectory(directory: string): Promise<void> {
  restrictUmask();
  await makeDirectory(directory, 0o700);
  await makePrivate(directory);
}

/** Takes the group/other bits off `directory` and everything under it. */
export async function makePrivate(directory: string): Promise<void> {
  await walk(directory, async (path, mode) => {
    if ((mode & exposedBits) !== 0) await chmod(path, mode & 0o700).catch(() => undefined);
  });
}

/** Paths under `directory` (itself included) that group or others may read, write or enter. */
export async function findExposedPaths(directory: string, limit = 20): Promise<string[]> {
  const exposed: string[] = [];
  await walk(directory, async (path, mode) => {
    if ((mode & exposedBits) !== 0 && exposed.length < limit) exposed.push(path);
  });
  return exposed;
}

let umaskSet = false;

function restrictUmask(): void {
  // Worker threads may not change the umask; the main thread's applies to them anyway.
  if (umaskSet || !isMainThread) return;
  process.umask(process.umask() | exposedBits);
  umaskSet = true;
}

/** Visits the directory and everything under it (symlinks not followed); vanished entries are skipped. */
async function walk(path: string, visit: (path: string, mode: number) => Promise<void>): Promise<void> {
  const stats = await lstat(path).catch(() => undefined);
  if (!stats || stats.isSymbolicLink()) return;
  await visit(path, stats.mode & 0o777);
  if (!stats.isDirectory()) return;
  const entries: Dirent[] = await readdir(path, { withFileTypes: true }).catch(() => []);
  for (const entry of entries) await walk(join(path, entry.name), visit);
}
