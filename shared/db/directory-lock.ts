import { readFile, rm, writeFile } from "node:fs/promises";
import { AppError, ErrorCode } from "../errors/app-error.ts";

export interface DirectoryLock {
  release(): Promise<void>;
}

// Paths this process holds: a second open in the same process is refused like another process's.
const heldPaths = new Set<string>();

/**
 * A lock file holding the owner's pid. PGlite has no lock of its own, and two processes on one data
 * directory corrupt it. A file left behind by a process that no longer runs is taken over.
 */
export async function acquireDirectoryLock(lockPath: string, what: string): Promise<DirectoryLock> {
  if (heldPaths.has(lockPath)) throw lockedError(what, process.pid);
  for (let attempt = 0; attempt < 3; attempt += 1) {
    try {
      await writeFile(lockPath, String(process.pid), { flag: "wx" });
      heldPaths.add(lockPath);
      return {
        release: async () => {
          if (!heldPaths.delete(lockPath)) return;
          await rm(lockPath, { force: true });
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
    const owner = Number.parseInt(await readFile(lockPath, "utf8").catch(() => ""), 10);
    // Our own pid in the file without an entry in heldPaths: left by an earlier life of this pid
    // (a restarted container's pid 1), so stale as well.
    if (owner !== process.pid && isRunning(owner)) throw lockedError(what, owner);
    await rm(lockPath, { force: true });
  }
  throw lockedError(what, undefined);
}

function isRunning(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to another user.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

function lockedError(what: string, owner: number | undefined): AppError {
  const by = owner === undefined ? "another process" : `process ${owner}`;
  return new AppError(ErrorCode.Unavailable, `${what} is in use by ${by}`, {
    retryable: false,
    hint: "The embedded database allows one process at a time: stop the other one, or set DATABASE_URL to a PostgreSQL server so several processes can share state.",
  });
}
