import { mkdir, stat } from "node:fs/promises";
import { dirname } from "node:path";

/**
 * `mkdir -p` that always ends. Node's `mkdir(path, { recursive: true })` never returns when the
 * parent exists but refuses children with ENOENT (procfs, e.g. `DATA_DIR=/proc/nope`): it takes
 * ENOENT for "parent missing", "creates" the parent (EEXIST) and retries, forever, at full CPU.
 * Here each level is tried at most twice, so that case fails with the ENOENT instead.
 */
export async function makeDirectory(path: string, mode = 0o777): Promise<void> {
  try {
    await createOne(path, mode);
  } catch (error) {
    const parent = dirname(path);
    if ((error as NodeJS.ErrnoException).code !== "ENOENT" || parent === path) throw error;
    await makeDirectory(parent, mode);
    await createOne(path, mode);
  }
}

async function createOne(path: string, mode: number): Promise<void> {
  try {
    await mkdir(path, { mode });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    if (!(await stat(path)).isDirectory()) {
      throw Object.assign(new Error(`ENOTDIR: not a directory, mkdir '${path}'`), { code: "ENOTDIR", path });
    }
  }
}
