import { chmod, mkdir, readFile, symlink, writeFile } from "node:fs/promises";
import { basename, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SourceDocument } from "#shared/knowledge/document.ts";
import { makeDocx, makePdf, makeTempFolder, randomBytes } from "#test/fixtures/make-fixture-files.ts";
import type { FolderProgress, FolderRead } from "./read-folder-documents.ts";
import { readFolderDocuments } from "./read-folder-documents.ts";

const runningAsRoot = process.getuid?.() === 0;
const workspaceId = "ws-test";

async function write(root: string, relativePath: string, content: string | Uint8Array) {
  const path = join(root, relativePath);
  await mkdir(join(path, ".."), { recursive: true });
  await writeFile(path, content);
}

describe("readFolderDocuments on a mixed folder", () => {
  let root: string;
  let outsideFolder: { path: string; remove: () => Promise<void> };
  let removeRoot: () => Promise<void>;
  let result: FolderRead;
  const progress: FolderProgress[] = [];
  const fiveMegabyteLine = "lorem ipsum ".repeat(Math.ceil((5 * 1024 * 1024) / 12));

  const documentAt = (path: string): SourceDocument => {
    const document = result.documents.find((candidate) => candidate.externalId === path);
    if (document === undefined) throw new Error(`no document for ${path}`);
    return document;
  };

  beforeAll(async () => {
    const folder = await makeTempFolder();
    root = folder.path;
    removeRoot = folder.remove;
    outsideFolder = await makeTempFolder();

    await write(
      root,
      "guides/front-matter.md",
      "---\ntitle: Expense policy\nowner: finance\n---\nReceipts within 30 days.\n",
    );
    await write(root, "guides/no_title-here.md", "Plain paragraph without any heading.\n");
    await write(root, "notes/plain.txt", "Standup is at 9:30.\r\nBring coffee.\r\n");
    await write(
      root,
      "notes/latin1.txt",
      Buffer.from("La reunión de diseño es el miércoles; también habrá café.", "latin1"),
    );
    await write(
      root,
      "site/page.html",
      "<html><head><title>Guía de estilo</title><style>body{color:red}</style><script>trackVisitor()</script></head>" +
        "<body><h1>Style</h1><p>Use <strong>sentence case</strong>.</p><script>var hidden = 1;</script></body></html>",
    );
    await write(
      root,
      "docs/handbook.pdf",
      await makePdf({
        title: "Travel handbook",
        pages: [["Book trains two weeks ahead."], ["Per diem is paid daily."]],
      }),
    );
    await write(
      root,
      "docs/vacation.docx",
      await makeDocx({
        heading: "Vacation policy",
        paragraph: "Everyone gets twenty-five days.",
        table: [
          ["Years", "Days"],
          ["0-5", "25"],
        ],
      }),
    );
    await write(root, "docs/broken.pdf", randomBytes(4096, 1));
    await write(root, "docs/broken.docx", randomBytes(4096, 2));
    await write(root, "docs/scan.pdf", await makePdf({ pages: [[]] }));
    await write(root, "images/logo.png", randomBytes(64, 3));
    await write(root, "big/one-line.txt", fiveMegabyteLine);
    await write(outsideFolder.path, "secret.md", "# Secret\n\nDo not index.\n");
    await symlink(join(outsideFolder.path, "secret.md"), join(root, "escape.md"));

    result = await readFolderDocuments(root, { workspaceId, onProgress: (update) => progress.push(update) });
  });

  afterAll(async () => {
    await removeRoot();
    await outsideFolder.remove();
  });

  it("returns documents in relative-path order with the connector's ids and urls", () => {
    expect(result.documents.map((document) => document.externalId)).toEqual([
      "big/one-line.txt",
      "docs/handbook.pdf",
      "docs/vacation.docx",
      "guides/front-matter.md",
      "guides/no_title-here.md",
      "notes/latin1.txt",
      "notes/plain.txt",
      "site/page.html",
    ]);
    const document = documentAt("guides/front-matter.md");
    expect(document).toMatchObject({
      workspaceId,
      source: "files",
      url: `${basename(root)}/guides/front-matter.md`,
    });
    expect(document.updatedAt).toBeInstanceOf(Date);
  });

  it("keeps front matter out of the content, in metadata, and uses its title", () => {
    const document = documentAt("guides/front-matter.md");
    expect(document.title).toBe("Expense policy");
    expect(document.content).toBe("Receipts within 30 days.");
    expect(document.metadata).toEqual({ title: "Expense policy", owner: "finance" });
  });

  it("titles untitled files after their prettified file name", () => {
    expect(documentAt("guides/no_title-here.md").title).toBe("No title here");
    expect(documentAt("notes/plain.txt")).toMatchObject({
      title: "Plain",
      content: "Standup is at 9:30.\nBring coffee.",
    });
  });

  it("decodes Latin-1 text with Spanish accents", () => {
    expect(documentAt("notes/latin1.txt").content).toBe(
      "La reunión de diseño es el miércoles; también habrá café.",
    );
  });

  it("converts HTML without scripts or styles, titled from <title>", () => {
    const document = documentAt("site/page.html");
    expect(document.title).toBe("Guía de estilo");
    expect(document.content).toContain("# Style");
    expect(document.content).toContain("**sentence case**");
    expect(document.content).not.toMatch(/trackVisitor|hidden|color:red/);
  });

  it("extracts PDF text from every page, titled from the PDF info", () => {
    const document = documentAt("docs/handbook.pdf");
    expect(document.title).toBe("Travel handbook");
    expect(document.content).toBe("Book trains two weeks ahead.\n\nPer diem is paid daily.");
    expect(document.metadata).toEqual({ pages: 2 });
  });

  it("converts DOCX keeping the heading and the table", () => {
    const document = documentAt("docs/vacation.docx");
    expect(document.title).toBe("Vacation policy");
    expect(document.content).toContain("# Vacation policy");
    expect(document.content).toContain("Everyone gets twenty-five days.");
    expect(document.content).toMatch(/\| *Years *\| *Days *\|/);
    expect(document.content).toMatch(/\| *0-5 *\| *25 *\|/);
  });

  it("reads a 5 MB single-line text file", () => {
    expect(documentAt("big/one-line.txt").content).toBe(fiveMegabyteLine.trim());
  });

  it("reports corrupt and text-less files in failed without stopping the others", () => {
    const failures = Object.fromEntries(result.failed.map((failure) => [failure.path, failure.error]));
    expect(Object.keys(failures)).toEqual(["docs/broken.docx", "docs/broken.pdf", "docs/scan.pdf"]);
    expect(failures["docs/broken.pdf"]?.code).toBe("corrupt_file");
    expect(failures["docs/broken.docx"]?.code).toBe("corrupt_file");
    expect(failures["docs/scan.pdf"]).toMatchObject({
      code: "unsupported_file",
      message: "no extractable text (scanned PDF?)",
    });
  });

  it("skips unsupported types and symlinks out of the folder, with a note", () => {
    expect(result.skipped).toEqual([
      { path: "escape.md", reason: "symlink points outside the folder" },
      { path: "images/logo.png", reason: "unsupported type .png" },
    ]);
    expect(result.documents.some((document) => document.content.includes("Do not index"))).toBe(false);
  });

  it("reports progress once per file", () => {
    expect(progress).toHaveLength(12);
    expect(progress.map((update) => update.done).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 12 }, (_, index) => index + 1),
    );
    expect(progress.every((update) => update.total === 12)).toBe(true);
  });
});

describe("readFolderDocuments limits and edge cases", () => {
  it("fails a file over the size limit with file_too_large naming the limit", async () => {
    const folder = await makeTempFolder();
    try {
      await write(folder.path, "huge.txt", "x".repeat(2 * 1024 * 1024));
      await write(folder.path, "small.txt", "fine");
      const result = await readFolderDocuments(folder.path, { workspaceId, maxFileBytes: 1024 * 1024 });
      expect(result.documents.map((document) => document.externalId)).toEqual(["small.txt"]);
      expect(result.failed).toHaveLength(1);
      expect(result.failed[0]?.path).toBe("huge.txt");
      expect(result.failed[0]?.error).toMatchObject({
        code: "file_too_large",
        message: "file is 2 MB, over the 1 MB limit",
      });
    } finally {
      await folder.remove();
    }
  });

  it("fails a file the reader is refused (EACCES), with a plain message, and reads the rest", async () => {
    const folder = await makeTempFolder();
    try {
      await write(folder.path, "locked.md", "# Locked");
      await write(folder.path, "open.md", "# Open");
      // Root reads any file whatever its mode, so the refusal comes from the injected reader.
      const readBytes = async (path: string) => {
        if (path.endsWith("locked.md")) {
          throw Object.assign(new Error(`EACCES: permission denied, open '${path}'`), { code: "EACCES" });
        }
        return readFile(path);
      };
      const result = await readFolderDocuments(folder.path, { workspaceId, readBytes });
      expect(result.documents.map((document) => document.externalId)).toEqual(["open.md"]);
      expect(result.failed).toEqual([
        { path: "locked.md", error: expect.objectContaining({ message: "permission denied" }) },
      ]);
    } finally {
      await folder.remove();
    }
  });

  // Permission bits do not stop root (CI runs as root): this one needs an ordinary user to mean anything.
  it.skipIf(runningAsRoot)("fails an unreadable file (EACCES) and reads the rest", async () => {
    const folder = await makeTempFolder();
    try {
      await write(folder.path, "locked.md", "# Locked");
      await write(folder.path, "open.md", "# Open");
      await chmod(join(folder.path, "locked.md"), 0o000);
      const result = await readFolderDocuments(folder.path, { workspaceId });
      expect(result.documents.map((document) => document.externalId)).toEqual(["open.md"]);
      expect(result.failed[0]).toMatchObject({ path: "locked.md", error: { code: "invalid_input" } });
    } finally {
      await folder.remove();
    }
  });

  it("skips files with no text instead of indexing empty documents", async () => {
    const folder = await makeTempFolder();
    try {
      await write(folder.path, "redirect.md", "---\nredirect_to: /elsewhere/\n---\n");
      const result = await readFolderDocuments(folder.path, { workspaceId });
      expect(result.documents).toEqual([]);
      expect(result.skipped).toEqual([{ path: "redirect.md", reason: "no text in the file" }]);
    } finally {
      await folder.remove();
    }
  });

  it("returns zero documents for an empty folder", async () => {
    const folder = await makeTempFolder();
    try {
      expect(await readFolderDocuments(folder.path, { workspaceId })).toEqual({
        documents: [],
        skipped: [],
        failed: [],
      });
    } finally {
      await folder.remove();
    }
  });

  it("rejects a root that does not exist as invalid input", async () => {
    await expect(readFolderDocuments("/definitely/not/here", { workspaceId })).rejects.toMatchObject({
      code: "invalid_input",
      message: "Folder not found: /definitely/not/here",
    });
  });
});
