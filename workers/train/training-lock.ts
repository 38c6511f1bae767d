import { dirname } from "node:path";
import { acquireDirectoryLock, type DirectoryLock } from "#shared/db/directory-lock.ts";
import { ErrorCode, isAppError } from "#shared/errors/app-error.ts";
import { makeDirectory } from "#shared/fs/make-directory.ts";

/**
 * One training at a time on the machine (one GPU, tens of GB of memory): a lock file holding the
 * owner's pid, shared by every process using the data dir. A file left by a process that no longer
 * runs (killed mid-run) is taken over, so a crash never blocks the next night. Null: someone else
 * is training.
 */
export async function tryTrainingLock(lockPath: string): Promise<DirectoryLock | null> {
  await makeDirectory(dirname(lockPath), 0o700);
  try {
    return await acquireDirectoryLock(lockPath, "training");
  } catch (error) {
    if (isAppError(error) && error.code === ErrorCode.Unavailable) return null;
    throw error;
  }
}
