import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { contentReader } from "#test/drive/content-test-kit.ts";
import { makeDocx, makePdf } from "#test/fixtures/make-fixture-files.ts";
import { type DriveStandIn, startDriveStandIn } from "#test/stand-ins/drive/drive-server.ts";

describe("readDriveFile: each kind of file, through the real client and the stand-in", () => {
  let standIn: DriveStandIn;
  let reader: Awaited<ReturnType<typeof contentReader>>;

  beforeEach(async () => {
    standIn = await startDriveStandIn();
    reader = await contentReader(standIn);
  });
  afterEach(() => standIn.close());

  it("reads a Doc as its Markdown export, named after the file, linked to its webViewLink", async () => {
    const doc = standIn.addDoc({ name: "Handbook", markdown: "# Vacation\n\nWe get **25** days." });
    expect(await reader.read(doc.id, { folderPath: "HR/Policies" })).toEqual({
      status: "read",
      fileId: doc.id,
      markdown: "# Vacation\n\nWe get **25** days.",
      title: "Handbook",
      url: `https://docs.google.com/document/d/${doc.id}/edit?usp=drivesdk`,
      folderPath: "HR/Policies",
      modifiedTime: standIn.file(doc.id).modifiedTime,
      mimeType: "application/vnd.google-apps.document",
      metadata: { format: "text/markdown" },
    });
    expect(standIn.callsTo("files.export")[0]?.query.mimeType).toBe("text/markdown");
  });

  it("falls back to the plain-text export, BOM and CRLF gone, where Markdown export is refused", async () => {
    const doc = standIn.addDoc({ name: "Notes", markdown: "# Title\n\nSome [link](https://x.example)." });
    standIn.failNext("files.export", { status: 400, reason: "badRequest" });
    const read = await reader.read(doc.id);
    expect(read).toMatchObject({
      status: "read",
      markdown: "Title\n\nSome link.",
      metadata: { format: "text/plain" },
    });
    expect(standIn.callsTo("files.export").map((call) => call.query.mimeType)).toEqual([
      "text/markdown",
      "text/plain",
    ]);
  });

  it("reads every sheet of a Sheet (XLSX export) as a table under its title", async () => {
    const sheet = standIn.addSheet({
      name: "Budget",
      sheets: [
        {
          title: "Q1",
          rows: [
            ["Item", "Cost"],
            ["Laptops, new", 1200],
            ["Pipe | cable", 5],
          ],
        },
        { title: "Empty", rows: [] },
        {
          title: "Q2",
          rows: [
            ["Item", "Cost", null],
            ["Desks", 300, null],
          ],
        },
      ],
    });
    const read = await reader.read(sheet.id);
    expect(read).toMatchObject({ status: "read", title: "Budget" });
    expect(read.status === "read" && read.markdown).toBe(
      [
        "## Q1",
        "",
        "| Item | Cost |",
        "| --- | --- |",
        "| Laptops, new | 1200 |",
        "| Pipe \\| cable | 5 |",
        "",
        "## Q2",
        "",
        "| Item | Cost |",
        "| --- | --- |",
        "| Desks | 300 |",
      ].join("\n"),
    );
    expect(standIn.callsTo("files.export")[0]?.query.mimeType).toBe(
      "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    );
  });

  it("reads Slides as their text", async () => {
    const slides = standIn.addSlides({ name: "Kickoff", slides: ["Welcome", "Goals: ship"] });
    expect(await reader.read(slides.id)).toMatchObject({
      status: "read",
      markdown: "Welcome\n\nGoals: ship",
    });
  });

  it("downloads PDF, DOCX, Markdown, text and HTML files and parses them with the spine's parsers", async () => {
    const pdf = standIn.addFile({
      name: "policy.pdf",
      mimeType: "application/pdf",
      bytes: await makePdf({ pages: [["Remote work is allowed."], ["Two days a week."]] }),
    });
    const docx = standIn.addFile({
      name: "onboarding.docx",
      mimeType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
      bytes: await makeDocx({ heading: "Onboarding", paragraph: "Day one: laptop.", table: [["Who", "IT"]] }),
    });
    const markdown = standIn.addFile({
      name: "README.md",
      mimeType: "text/plain",
      text: "---\ntags: [a]\n---\n# Deploys\n\nUse CI.",
    });
    const text = standIn.addFile({ name: "notes.txt", mimeType: "text/plain", text: "Plain notes.\r\n" });
    const html = standIn.addFile({
      name: "faq.html",
      mimeType: "text/html",
      text: "<html><body><h1>FAQ</h1><p>Ask HR.</p></body></html>",
    });
    const pdfRead = await reader.read(pdf.id);
    expect(pdfRead).toMatchObject({ status: "read", title: "policy.pdf", metadata: { pages: 2 } });
    expect(pdfRead.status === "read" && pdfRead.markdown).toBe("Remote work is allowed.\n\nTwo days a week.");
    const docxRead = await reader.read(docx.id);
    expect(docxRead.status === "read" && docxRead.markdown).toContain("# Onboarding");
    expect(docxRead.status === "read" && docxRead.markdown).toContain("Day one: laptop.");
    // A .md that Drive calls text/plain is still Markdown: front matter to metadata, out of the text.
    expect(await reader.read(markdown.id)).toMatchObject({
      markdown: "# Deploys\n\nUse CI.",
      metadata: { tags: ["a"] },
    });
    expect(await reader.read(text.id)).toMatchObject({ markdown: "Plain notes.", title: "notes.txt" });
    expect(await reader.read(html.id)).toMatchObject({ markdown: "# FAQ\n\nAsk HR.", title: "faq.html" });
    expect(standIn.callsTo("files.download")).toHaveLength(5);
    expect(standIn.callsTo("files.download").every((call) => call.query.supportsAllDrives === "true")).toBe(
      true,
    );
  });

  it("reads a shortcut as its target, and a file in a shared drive", async () => {
    const target = standIn.addDoc({ name: "Runbook", markdown: "Restart the pod." });
    const shortcut = standIn.addShortcut({ name: "Link to Runbook", targetId: target.id });
    expect(await reader.read(shortcut.id, { folderPath: "Shortcuts" })).toMatchObject({
      status: "read",
      fileId: shortcut.id,
      title: "Runbook",
      markdown: "Restart the pod.",
      url: `https://docs.google.com/document/d/${target.id}/edit?usp=drivesdk`,
      folderPath: "Shortcuts",
      metadata: { shortcutTo: target.id },
    });
    const drive = standIn.addDrive({ name: "Engineering" });
    const shared = standIn.addFile({
      name: "oncall.md",
      driveId: drive.id,
      mimeType: "text/markdown",
      text: "# On call",
    });
    expect(await reader.read(shared.id)).toMatchObject({ status: "read", markdown: "# On call" });
  });

  it("rides out a rate-limit storm on an export instead of skipping the file", async () => {
    const doc = standIn.addDoc({ name: "Busy", markdown: "Still here." });
    standIn.failNext("files.export", { rateLimit: "userRateLimitExceeded", retryAfter: 2 }, 3);
    expect(await reader.read(doc.id)).toMatchObject({ status: "read", markdown: "Still here." });
    expect(reader.waits).toEqual([2_000, 2_000, 2_000]);
  });
});
