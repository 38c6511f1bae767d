import { existsSync } from "node:fs";
import { stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeTempDir } from "#test/helpers/temp-dir.ts";
import { makeDirectory } from "./make-directory.ts";

describe("makeDirectory", () => {
  let temp: Awaited<ReturnType<typeof makeTempDir>>;
  beforeAll(async () => {
    temp = await makeTempDir();
  });
  afterAll(async () => {
    await temp?.remove();
  });

  it("creates missing parents, with the mode asked for, and accepts an existing directory", async () => {
    const nested = join(temp.path, "a", "b", "c");
    await makeDirectory(nested, 0o700);
    expect((await stat(nested)).mode & 0o777).toBe(0o700);
    await makeDirectory(nested, 0o700);
    expect(existsSync(nested)).toBe(true);
  });

  it("fails with ENOTDIR when a file is in the way", async () => {
    const file = join(temp.path, "file");
    await writeFile(file, "x");
    await expect(makeDirectory(file)).rejects.toMatchObject({ code: "ENOTDIR" });
    await expect(makeDirectory(join(file, "below"))).rejects.toMatchObject({ code: "ENOTDIR" });
  });

  // Node's recursive mkdir spins forever here on Linux (procfs answers ENOENT under an existing
  // /proc); where there is no /proc the same ENOENT comes from the missing parent.
  it("fails under /proc instead of looping", async () => {
    await expect(makeDirectory("/proc/sabio-nope/data")).rejects.toMatchObject({ code: "ENOENT" });
  });
});
