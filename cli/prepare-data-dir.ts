import { AppError, ErrorCode } from "#shared/errors/app-error.ts";
import { makeDirectory } from "#shared/fs/make-directory.ts";

const reasons: Record<string, string> = {
  EACCES: "permission denied",
  EPERM: "permission denied",
  EROFS: "the file system is read-only",
  ENOTDIR: "a file is in the way",
  // makeDirectory's ENOENT with the parent present: a place that holds no folders (e.g. /proc).
  ENOENT: "folders cannot be created there",
  ENOSPC: "no space left on the device",
};

/**
 * Creates DATA_DIR (private to this user) before anything opens PGlite or LanceDB in it, so a
 * directory that cannot exist is a configuration error naming the variable, not a library's.
 */
export async function prepareDataDir(dataDir: string): Promise<void> {
  try {
    await makeDirectory(dataDir, 0o700);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? "";
    throw new AppError(
      ErrorCode.InvalidConfig,
      `DATA_DIR: cannot create ${dataDir} (${reasons[code] ?? code.toLowerCase()})`,
      { cause: error, hint: "Set DATA_DIR to a folder this user can write, e.g. ./data" },
    );
  }
}
