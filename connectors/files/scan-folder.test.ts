import { execFileSync } from "node:child_process";
import { chmod, mkdir, symlink, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { makeTempFolder } from "#test/fixtures/make-fixture-files.ts";
import { scanFolder } from "./scan-folder.ts";

// Permission bits do not stop root, which CI containers often are.
const runningAsRoot = process.getuid?.() === 0;

describe("scanFolder", () => {
  let root: string;
  let outside: string;
  let cleanups: (() => Promise<void>)[] = [];

  beforeEach(async () => {
    const folder = await makeTempFolder();
    const elsewhere = await makeTempFolder();
    root = folder.path;
    outside = elsewhere.path;
    cleanups = [folder.remove, elsewhere.remove];
  });

  afterEach(async () => {
    await chmod(join(root, "locked"), 0o755).catch(() => {});
    await Promise.all(cleanups.map((cleanup) => cleanup()));
  });

  it("lists nested files with posix relative paths, sorted the same way every time", async () => {
    await mkdir(join(root, "b", "deep"), { recursive: true });
    await writeFile(join(root, "b", "deep", "z.md"), "z");
    await writeFile(join(root, "b", "a.md"), "a");
    await writeFile(join(root, "a.md"), "a");
    await writeFile(join(root, "B.md"), "B");
    const scan = await scanFolder(root);
    expect(scan.files.map((file) => file.relativePath)).toEqual(["B.md", "a.md", "b/a.md", "b/deep/z.md"]);
    const [first] = scan.files;
    expect(first?.size).toBe(1);
    expect(first?.modifiedAt).toBeInstanceOf(Date);
    expect(first?.absolutePath).toBe(join(scan.root, "B.md"));
  });

  it("leaves out dot-folders, dot-files, node_modules and extra ignored names", async () => {
    for (const folder of [".git", "node_modules", "drafts", "docs"]) {
      await mkdir(join(root, folder));
      await writeFile(join(root, folder, "page.md"), "text");
    }
    await writeFile(join(root, ".DS_Store"), "junk");
    const scan = await scanFolder(root, { ignore: ["drafts"] });
    expect(scan.files.map((file) => file.relativePath)).toEqual(["docs/page.md"]);
    expect(scan.skipped).toEqual([]);
  });

  it("does not follow symlinks out of the root, nor symlinked folders", async () => {
    await writeFile(join(outside, "secret.md"), "secret");
    await writeFile(join(root, "real.md"), "real");
    await symlink(join(outside, "secret.md"), join(root, "escape.md"));
    await symlink(outside, join(root, "escape-folder"));
    await symlink(join(root, "real.md"), join(root, "alias.md"));
    await symlink(root, join(root, "loop"));
    await symlink(join(root, "missing.md"), join(root, "broken.md"));
    const scan = await scanFolder(root);
    expect(scan.files.map((file) => file.relativePath)).toEqual(["alias.md", "real.md"]);
    expect(scan.skipped).toEqual([
      { path: "broken.md", reason: "broken symlink" },
      { path: "escape-folder", reason: "symlink points outside the folder" },
      { path: "escape.md", reason: "symlink points outside the folder" },
      { path: "loop", reason: "symlinked folder not followed" },
    ]);
  });

  it("skips FIFOs instead of blocking on them", async () => {
    try {
      execFileSync("mkfifo", [join(root, "pipe.txt")]);
    } catch {
      return; // no mkfifo on this system: nothing to check
    }
    const scan = await scanFolder(root);
    expect(scan.files).toEqual([]);
    expect(scan.skipped).toEqual([{ path: "pipe.txt", reason: "not a regular file" }]);
  });

  it.skipIf(runningAsRoot)("reports an unreadable subfolder and keeps scanning", async () => {
    await mkdir(join(root, "locked"));
    await writeFile(join(root, "locked", "hidden.md"), "x");
    await writeFile(join(root, "open.md"), "x");
    await chmod(join(root, "locked"), 0o000);
    const scan = await scanFolder(root);
    expect(scan.files.map((file) => file.relativePath)).toEqual(["open.md"]);
    expect(scan.skipped[0]?.reason).toMatch(/unreadable folder \(EACCES\)/);
  });

  it("returns nothing for an empty folder", async () => {
    expect(await scanFolder(root)).toMatchObject({ files: [], skipped: [] });
  });

  it("rejects a missing root, or a file given as root, as invalid input", async () => {
    await expect(scanFolder(join(root, "nope"))).rejects.toMatchObject({
      code: "invalid_input",
      message: `Folder not found: ${join(root, "nope")}`,
    });
    await writeFile(join(root, "file.md"), "x");
    await expect(scanFolder(join(root, "file.md"))).rejects.toMatchObject({ code: "invalid_input" });
  });
});
