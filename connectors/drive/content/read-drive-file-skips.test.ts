import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ErrorCode } from "#shared/errors/app-error.ts";
import { contentReader } from "#test/drive/content-test-kit.ts";
import { makePdf, randomBytes } from "#test/fixtures/make-fixture-files.ts";
import { type DriveStandIn, startDriveStandIn } from "#test/stand-ins/drive/drive-server.ts";
import { readDriveFile } from "./read-drive-file.ts";

describe("readDriveFile: what is skipped, and why (never thrown)", () => {
  let standIn: DriveStandIn;
  let reader: Awaited<ReturnType<typeof contentReader>>;

  beforeEach(async () => {
    standIn = await startDriveStandIn();
    reader = await contentReader(standIn, { maxFileBytes: 2_000 });
  });
  afterEach(() => standIn.close());

  const reasonOf = async (fileId: string) => {
    const read = await reader.read(fileId);
    return read.status === "skipped" ? read.reason : `read: ${read.markdown}`;
  };

  it("skips images, video, archives and folders with a note, downloading nothing", async () => {
    const png = standIn.addFile({ name: "logo.png", mimeType: "image/png", bytes: randomBytes(10) });
    const video = standIn.addFile({ name: "demo.mp4", mimeType: "video/mp4", bytes: randomBytes(10) });
    const zip = standIn.addFile({ name: "src.zip", mimeType: "application/zip", bytes: randomBytes(10) });
    const folder = standIn.addFolder({ name: "Team" });
    expect(await reader.read(png.id)).toEqual({
      status: "skipped",
      fileId: png.id,
      reason: "unsupported",
      note: "image/png is not indexed",
    });
    expect([await reasonOf(video.id), await reasonOf(zip.id), await reasonOf(folder.id)]).toEqual([
      "unsupported",
      "unsupported",
      "unsupported",
    ]);
    expect(standIn.callsTo("files.download")).toEqual([]);
  });

  it("skips an export over Drive's 10 MB (exportSizeLimitExceeded) and a download over DRIVE_MAX_FILE_MB", async () => {
    const huge = standIn.addDoc({ name: "Log", markdown: "x", exportBytes: 11 * 1024 * 1024 });
    expect(await reader.read(huge.id)).toMatchObject({
      reason: "too-large",
      note: "its export is over Drive's 10 MB",
    });
    expect(standIn.callsTo("files.export")).toHaveLength(1); // no plain-text retry of a too-large export
    const bigSheet = standIn.addSheet({
      name: "Big",
      sheets: [{ title: "S", rows: [["x"]] }],
      exportBytes: 11 << 20,
    });
    expect(await reasonOf(bigSheet.id)).toBe("too-large");

    const big = standIn.addFile({ name: "big.txt", mimeType: "text/plain", text: "a".repeat(5_000) });
    expect(await reasonOf(big.id)).toBe("too-large");
    expect(standIn.callsTo("files.download")).toEqual([]); // its size said so: not downloaded
    // Without a size in the listing, the download stops at the cap.
    const read = await readDriveFile(
      reader.api,
      { ...(await reader.describe(big.id)), size: null },
      { maxFileBytes: 1_000 },
    );
    expect(read).toMatchObject({ status: "skipped", reason: "too-large" });
    expect(standIn.callsTo("files.download")).toHaveLength(1);
  });

  it("skips corrupt PDFs and DOCX files, and text files holding binary", async () => {
    const pdf = standIn.addFile({ name: "scan.pdf", mimeType: "application/pdf", bytes: randomBytes(200) });
    const docx = standIn.addFile({
      name: "broken.docx",
      mimeType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
      bytes: randomBytes(200, 7),
    });
    const binary = standIn.addFile({
      name: "data.txt",
      mimeType: "text/plain",
      bytes: new Uint8Array([65, 0, 66]),
    });
    expect([await reasonOf(pdf.id), await reasonOf(docx.id), await reasonOf(binary.id)]).toEqual([
      "corrupt",
      "corrupt",
      "corrupt",
    ]);
  });

  it("skips a Doc of images only and a blank Doc as 'no-text', a 0-byte file as 'empty'", async () => {
    const images = standIn.addDoc({
      name: "Diagram",
      markdown:
        "![][image1]\n\n![arch](data:image/png;base64,iVBORw0KGgo=)\n\n[image1]: <data:image/png;base64,iVBORw0KGgo=>",
    });
    const blank = standIn.addDoc({ name: "Blank", markdown: "" });
    const empty = standIn.addFile({ name: "empty.md", mimeType: "text/markdown", text: "" });
    const scan = standIn.addFile({
      name: "scan.pdf",
      mimeType: "application/pdf",
      bytes: await makePdf({ pages: [[]] }),
    });
    expect(await reader.read(scan.id)).toMatchObject({
      reason: "no-text",
      note: expect.stringContaining("scanned"),
    });
    expect(await reader.read(images.id)).toMatchObject({ status: "skipped", reason: "no-text" });
    expect(await reasonOf(blank.id)).toBe("no-text");
    expect(await reader.read(empty.id)).toMatchObject({ status: "skipped", reason: "empty" });
  });

  it("skips a file deleted while it is read as 'gone' (404), and a trashed one without asking", async () => {
    const doc = standIn.addDoc({ name: "Going", markdown: "soon gone" });
    const listed = await reader.describe(doc.id);
    standIn.remove(doc.id);
    expect(await readDriveFile(reader.api, listed, { maxFileBytes: 1_000 })).toMatchObject({
      status: "skipped",
      reason: "gone",
    });
    const pdf = standIn.addFile({ name: "a.txt", mimeType: "text/plain", text: "x" });
    const calls = standIn.calls.length;
    expect(
      await readDriveFile(
        reader.api,
        { ...(await reader.describe(pdf.id)), trashed: true },
        { maxFileBytes: 1_000 },
      ),
    ).toMatchObject({ reason: "gone" });
    expect(standIn.calls.length).toBe(calls + 1); // the describe only
  });

  it("skips a shortcut whose target is not readable, and a file Drive refuses to hand over", async () => {
    const target = standIn.addDoc({ name: "Secret", markdown: "x" });
    const shortcut = standIn.addShortcut({ name: "Link", targetId: target.id });
    standIn.loseAccess(target.id);
    expect(await reader.read(shortcut.id)).toMatchObject({
      status: "skipped",
      reason: "unreadable",
      note: expect.stringContaining("the shortcut's target cannot be read"),
    });
    const blocked = standIn.addFile({ name: "malware.txt", mimeType: "text/plain", text: "x" });
    standIn.failNext("files.download", { status: 403, reason: "cannotDownloadAbusiveFile" });
    expect(await reader.read(blocked.id)).toMatchObject({
      reason: "unreadable",
      note: expect.stringContaining("cannotDownloadAbusiveFile"),
    });
  });

  it("throws what a later try can fix, or what needs re-auth: those are no skips", async () => {
    const doc = standIn.addDoc({ name: "Busy", markdown: "x" });
    standIn.failNext("files.export", { rateLimit: "rateLimitExceeded" }, 50);
    await expect(reader.read(doc.id)).rejects.toMatchObject({ code: ErrorCode.RateLimited, retryable: true });
    standIn.clearFaults();
    standIn.failNext("files.export", { status: 500 }, 50);
    await expect(reader.read(doc.id)).rejects.toMatchObject({ code: ErrorCode.Unavailable, retryable: true });
    standIn.clearFaults();
    const listed = await reader.describe(doc.id);
    standIn.revokeGrants();
    await expect(readDriveFile(reader.api, listed, { maxFileBytes: 1_000 })).rejects.toMatchObject({
      code: ErrorCode.InvalidConfig,
    });
  });
});
