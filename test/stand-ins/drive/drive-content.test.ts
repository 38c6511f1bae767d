import type { drive_v3 } from "@googleapis/drive";
import ExcelJS from "exceljs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type DriveStandIn, googleTypes, startDriveStandIn } from "./drive-server.ts";
import { connectedDrive } from "./stand-in-client.ts";

const xlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

describe("Drive stand-in content: files.export and alt=media, through the real client", () => {
  let standIn: DriveStandIn;
  let api: drive_v3.Drive;

  beforeEach(async () => {
    standIn = await startDriveStandIn();
    ({ api } = await connectedDrive(standIn));
  });
  afterEach(() => standIn.close());

  const exported = async (fileId: string, mimeType: string) => {
    const { data } = await api.files.export({ fileId, mimeType }, { responseType: "arraybuffer" });
    return Buffer.from(data as ArrayBuffer);
  };
  const reasonOf = (error: unknown) =>
    (error as { response?: { data?: { error?: { errors?: { reason?: string }[] } } } }).response?.data?.error
      ?.errors?.[0]?.reason;

  it("exports a Doc as Markdown, and as plain text starting with a BOM", async () => {
    const doc = standIn.addDoc({
      name: "Handbook",
      markdown: "# Vacation\n\nWe get **25** days. See [HR](https://hr.example.com).",
    });
    expect((await exported(doc.id, "text/markdown")).toString("utf8")).toBe(
      "# Vacation\n\nWe get **25** days. See [HR](https://hr.example.com).",
    );
    const plain = await exported(doc.id, "text/plain");
    expect([...plain.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(plain.subarray(3).toString("utf8")).toBe("Vacation\r\n\r\nWe get 25 days. See HR.");
  });

  it("exports a Doc in a shared drive (files.export has no supportsAllDrives parameter)", async () => {
    const drive = standIn.addDrive({ name: "Team" });
    const doc = standIn.addDoc({ name: "Runbook", markdown: "# Deploys\n\nOn Tuesdays.", driveId: drive.id });
    expect((await exported(doc.id, "text/markdown")).toString("utf8")).toContain("On Tuesdays.");
  });

  it("exports a Sheet as a real XLSX holding every sheet, and as CSV holding only the first", async () => {
    const sheet = standIn.addSheet({
      name: "Budget",
      sheets: [
        {
          title: "Q1",
          rows: [
            ["Item", "Cost"],
            ["Laptops, new", 1200],
          ],
        },
        {
          title: "Q2",
          rows: [
            ["Item", "Cost"],
            ["Desks", 300],
          ],
        },
      ],
    });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await exported(sheet.id, xlsxType)) as unknown as ExcelJS.Buffer);
    const read = workbook.worksheets.map((worksheet) => ({
      title: worksheet.name,
      rows: worksheet
        .getSheetValues()
        .filter(Boolean)
        .map((row) => (row as unknown[]).slice(1)),
    }));
    expect(read).toEqual([
      {
        title: "Q1",
        rows: [
          ["Item", "Cost"],
          ["Laptops, new", 1200],
        ],
      },
      {
        title: "Q2",
        rows: [
          ["Item", "Cost"],
          ["Desks", 300],
        ],
      },
    ]);
    expect((await exported(sheet.id, "text/csv")).toString("utf8")).toBe('Item,Cost\r\n"Laptops, new",1200');
  });

  it("exports Slides as text; refuses other conversions, non-Google files, and exports over 10 MB", async () => {
    const slides = standIn.addSlides({ name: "Kickoff", slides: ["Welcome", "Goals: ship"] });
    expect((await exported(slides.id, "text/plain")).toString("utf8")).toBe("Welcome\r\n\r\nGoals: ship");
    const unsupported = await exported(slides.id, "text/csv").catch((error: unknown) => error);
    expect(unsupported).toMatchObject({ status: 400 });
    const pdf = standIn.addFile({ name: "a.pdf", mimeType: "application/pdf", bytes: new Uint8Array([1]) });
    expect(reasonOf(await exported(pdf.id, "text/plain").catch((error: unknown) => error))).toBe(
      "fileNotExportable",
    );

    const huge = standIn.addDoc({ name: "Log", markdown: "x", exportBytes: 11 * 1024 * 1024 });
    const tooLarge = await exported(huge.id, "text/markdown").catch((error: unknown) => error);
    expect(tooLarge).toMatchObject({ status: 403 });
    expect(reasonOf(tooLarge)).toBe("exportSizeLimitExceeded");
    const reallyLarge = standIn.addDoc({ name: "Big", markdown: "y".repeat(10 * 1024 * 1024 + 1) });
    expect(reasonOf(await exported(reallyLarge.id, "text/markdown").catch((error: unknown) => error))).toBe(
      "exportSizeLimitExceeded",
    );
  });

  it("streams a file's bytes with alt=media; Google files answer fileNotDownloadable", async () => {
    const bytes = new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x2d, 0x31, 0x2e, 0x37, 0x00, 0xff]);
    const pdf = standIn.addFile({ name: "policy.pdf", mimeType: "application/pdf", bytes });
    const response = await api.files.get({ fileId: pdf.id, alt: "media" }, { responseType: "stream" });
    const chunks: Buffer[] = [];
    for await (const chunk of response.data as AsyncIterable<Buffer>) chunks.push(chunk);
    expect([...Buffer.concat(chunks)]).toEqual([...bytes]);
    // gaxios 7 hands back a fetch Headers, whatever the older typings say.
    expect((response.headers as unknown as Headers).get("content-type")).toBe("application/pdf");
    expect(standIn.callsTo("files.download")).toHaveLength(1);

    const meta = await api.files.get({
      fileId: pdf.id,
      fields: "size,md5Checksum,webViewLink,fileExtension",
    });
    expect(meta.data).toMatchObject({
      size: "10",
      fileExtension: "pdf",
      webViewLink: `https://drive.google.com/file/d/${pdf.id}/view?usp=drivesdk`,
    });
    const doc = standIn.addDoc({ name: "d", markdown: "x" });
    const refused = await api.files.get({ fileId: doc.id, alt: "media" }).catch((error: unknown) => error);
    expect(reasonOf(refused)).toBe("fileNotDownloadable");
  });

  it("describes shortcuts with shortcutDetails and Docs with a docs.google.com webViewLink", async () => {
    const doc = standIn.addDoc({ name: "Target", markdown: "x" });
    const shortcut = standIn.addShortcut({ name: "Link to Target", targetId: doc.id });
    const { data } = await api.files.get({ fileId: shortcut.id, fields: "id,mimeType,shortcutDetails" });
    expect(data).toEqual({
      id: shortcut.id,
      mimeType: googleTypes.shortcut,
      shortcutDetails: { targetId: doc.id, targetMimeType: googleTypes.doc },
    });
    const target = await api.files.get({ fileId: doc.id, fields: "webViewLink" });
    expect(target.data.webViewLink).toBe(`https://docs.google.com/document/d/${doc.id}/edit?usp=drivesdk`);
  });

  it("answers about.get only with fields", async () => {
    const error = await api.about.get({}).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ status: 400 });
    expect(reasonOf(error)).toBe("required");
    const { data } = await api.about.get({ fields: "user(emailAddress,displayName)" });
    expect(data).toEqual({ user: { emailAddress: "admin@example.com", displayName: "admin" } });
  });
});
