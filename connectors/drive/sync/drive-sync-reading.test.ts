import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { searchKnowledge } from "#shared/knowledge/search-knowledge.ts";
import { type DriveSyncKit, startDriveSyncKit } from "#test/drive/drive-sync-test-kit.ts";
import { makeDocx, makePdf, randomBytes } from "#test/fixtures/make-fixture-files.ts";
import { silentLogger } from "#test/helpers/silent-logger.ts";

const docxType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

describe("Drive sync: what a first sync reads", () => {
  let kit: DriveSyncKit;
  beforeEach(async () => {
    kit = await startDriveSyncKit();
  });
  afterEach(() => kit.close());

  const search = async (query: string) =>
    (
      await searchKnowledge({ store: kit.store, embedder: null, logger: silentLogger() }, "acme", query, {
        limit: 5,
      })
    ).results;

  it("indexes Docs, Sheets, Slides, PDF and DOCX from My Drive and a shared drive, linked to webViewLink, with folder paths and access", async () => {
    const { standIn } = kit;
    const hr = standIn.addFolder({ name: "HR" });
    const policies = standIn.addFolder({ name: "Policies", parent: hr.id });
    const doc = standIn.addDoc({
      name: "Vacation",
      parent: policies.id,
      markdown: "# Vacation\n\nWe get 25 vacation days.",
      permissions: [{ type: "user", role: "reader", emailAddress: "Bob@Example.com" }],
    });
    const sheet = standIn.addSheet({
      name: "Budget",
      sheets: [
        {
          title: "Q1",
          rows: [
            ["Item", "Cost"],
            ["Laptops", 1200],
          ],
        },
        {
          title: "Q2",
          rows: [
            ["Item", "Cost"],
            ["Monitors", 300],
          ],
        },
      ],
    });
    const slides = standIn.addSlides({ name: "Kickoff", slides: ["Welcome aboard", "Roadmap: rockets"] });
    const team = standIn.addDrive({
      name: "Engineering",
      members: [{ type: "group", role: "writer", emailAddress: "eng@example.com" }],
    });
    const pdf = standIn.addFile({
      name: "oncall.pdf",
      mimeType: "application/pdf",
      driveId: team.id,
      bytes: await makePdf({ pages: [["Pager rotation starts Mondays."]] }),
    });
    const docx = standIn.addFile({
      name: "setup.docx",
      mimeType: docxType,
      driveId: team.id,
      bytes: await makeDocx({
        heading: "Setup",
        paragraph: "Install the toolchain.",
        table: [["os", "linux"]],
      }),
    });

    const report = await kit.sync("incremental");
    expect(report).toMatchObject({ mode: "full", state: "ok", complete: true, indexed: 5, failed: [] });
    const byId = new Map((await kit.indexed()).map((document) => [document.externalId, document]));
    expect([...byId.keys()].sort()).toEqual([doc.id, sheet.id, slides.id, pdf.id, docx.id].sort());
    expect(byId.get(doc.id)?.metadata).toMatchObject({ folderPath: "HR/Policies", name: "Vacation" });
    expect(byId.get(pdf.id)?.metadata).toMatchObject({ folderPath: "Engineering", driveId: team.id });
    expect(byId.get(doc.id)?.access).toEqual({
      users: ["admin@example.com", "bob@example.com"],
      groups: [],
      domains: [],
      public: false,
    });
    // Shared-drive items: access from permissions.list (the listing leaves it out), members inherited.
    expect(byId.get(pdf.id)?.access?.groups).toEqual(["eng@example.com"]);
    expect(
      standIn
        .callsTo("permissions.list")
        .map((call) => call.params.fileId)
        .sort(),
    ).toEqual([pdf.id, docx.id].sort());

    const [vacation] = await search("vacation days");
    expect(vacation).toMatchObject({
      title: "Vacation",
      url: `https://docs.google.com/document/d/${doc.id}/edit?usp=drivesdk`,
    });
    expect((await search("Monitors"))[0]?.title).toBe("Budget"); // the second sheet too
    expect((await search("rockets"))[0]?.title).toBe("Kickoff");
    expect((await search("Pager rotation"))[0]?.url).toBe(
      `https://drive.google.com/file/d/${pdf.id}/view?usp=drivesdk`,
    );
    expect((await search("toolchain"))[0]?.title).toBe("setup.docx");

    // The list call asked for what the reference says it must.
    const list = standIn.callsTo("files.list")[0];
    expect(list?.query).toMatchObject({
      q: "trashed = false",
      corpora: "allDrives",
      includeItemsFromAllDrives: "true",
      supportsAllDrives: "true",
    });
    expect(list?.query.fields).toContain("permissions(type,role,emailAddress,domain)");
    // The start token came before the listing.
    const order = standIn.calls.map((call) => call.route);
    expect(order.indexOf("changes.getStartPageToken")).toBeLessThan(order.indexOf("files.list"));
  });

  it("exits ok when its only problems are permanent skips: an export over 10 MB, a corrupt PDF, unsupported and empty files", async () => {
    const { standIn } = kit;
    const good = standIn.addDoc({ name: "Good", markdown: "Fine content here." });
    const huge = standIn.addDoc({ name: "Log", markdown: "x", exportBytes: 11 << 20 });
    const corrupt = standIn.addFile({
      name: "scan.pdf",
      mimeType: "application/pdf",
      bytes: randomBytes(200),
    });
    standIn.addFile({ name: "photo.png", mimeType: "image/png", bytes: randomBytes(50) });
    standIn.addFile({ name: "empty.md", mimeType: "text/markdown", text: "" });
    standIn.addDoc({
      name: "Diagram",
      markdown: "![arch](data:image/png;base64,iVBORw0KGgo=)",
    });
    standIn.addFile({ name: "", mimeType: "text/plain", text: "A file nobody named, about parking." });
    const target = standIn.addDoc({ name: "Target", markdown: "Shortcut target text about lunch." });
    const shortcut = standIn.addShortcut({ name: "Link to Target", targetId: target.id });

    const report = await kit.sync("full");
    expect(report).toMatchObject({ state: "ok", complete: true, failed: [] });
    const skippedIds = report.skipped.map((skip) => skip.id);
    expect(skippedIds).toEqual(expect.arrayContaining([huge.id, corrupt.id]));
    expect(report.skipped.find((skip) => skip.id === huge.id)?.reason).toMatch(/10 MB/);
    expect(report.skipped).toHaveLength(5); // huge, corrupt, png, empty, images only
    const indexed = await kit.indexed();
    expect(indexed.map((document) => document.externalId)).toContain(good.id);
    expect(indexed.map((document) => document.externalId)).toContain(shortcut.id);
    expect((await search("parking"))[0]?.title).toBe("Untitled");
    expect((await search("lunch")).map((result) => result.title)).toContain("Target");
    expect(await kit.row()).toMatchObject({ state: "ok" });
  });

  it("syncs an empty Drive: complete, nothing indexed", async () => {
    const report = await kit.sync("incremental");
    expect(report).toMatchObject({ mode: "full", state: "ok", complete: true, documents: 0, deleted: 0 });
    expect((await kit.row())?.syncState).toEqual({ pageToken: expect.any(String) });
  });
});
