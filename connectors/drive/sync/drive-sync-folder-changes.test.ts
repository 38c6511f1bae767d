import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { touchDocuments } from "#shared/db/document-repository.ts";
import { type DriveSyncKit, startDriveSyncKit } from "#test/drive/drive-sync-test-kit.ts";

describe("Drive sync: a renamed or moved folder through the changes feed", () => {
  let kit: DriveSyncKit;
  beforeEach(async () => {
    kit = await startDriveSyncKit();
  });
  afterEach(() => kit.close());

  const pathOf = async (fileId: string) => (await kit.byId(fileId))?.metadata.folderPath;

  it("a renamed folder gives every document below it, subfolders too, its new path without a read or an embedding", async () => {
    const { standIn } = kit;
    const policies = standIn.addFolder({ name: "Policies" });
    const hr = standIn.addFolder({ name: "HR", parent: policies.id });
    const handbook = standIn.addDoc({ name: "Handbook", parent: policies.id, markdown: "Welcome aboard." });
    const leave = standIn.addDoc({ name: "Leave", parent: hr.id, markdown: "Twenty days of leave." });
    const notes = standIn.addFile({
      name: "notes.md",
      parent: hr.id,
      mimeType: "text/markdown",
      text: "# Notes\n\nHR notes.",
    });
    // Another "HR" folder elsewhere: same name, another id, must keep its path.
    const elsewhere = standIn.addFolder({ name: "Elsewhere" });
    const otherHr = standIn.addFolder({ name: "HR", parent: elsewhere.id });
    const other = standIn.addDoc({ name: "Other", parent: otherHr.id, markdown: "Another team's HR." });
    await kit.sync("incremental");
    expect(await pathOf(leave.id)).toBe("Policies/HR");

    standIn.rename(policies.id, "Company handbook");
    const spent = await kit.cost(() => kit.sync("incremental"));
    // The feed, and at most one look-up (My Drive's root) — not one per document.
    expect(spent.calls).toBeLessThanOrEqual(2);
    expect(spent).toMatchObject({ reads: 0, embedded: 0 });
    expect(await pathOf(handbook.id)).toBe("Company handbook");
    expect(await pathOf(leave.id)).toBe("Company handbook/HR");
    expect(await pathOf(notes.id)).toBe("Company handbook/HR");
    expect(await pathOf(other.id)).toBe("Elsewhere/HR");
    expect((await kit.byId(leave.id))?.metadata.folders).toEqual([
      { id: policies.id, name: "Company handbook" },
      { id: hr.id, name: "HR" },
    ]);

    // What the incremental sync stored is what a full listing says: the full pass touches nothing.
    const before = new Map((await kit.indexed()).map((document) => [document.externalId, document]));
    expect(await kit.cost(() => kit.sync("full"))).toMatchObject({ reads: 0, embedded: 0 });
    for (const document of await kit.indexed()) {
      expect(document.metadata).toEqual(before.get(document.externalId)?.metadata);
      expect(document.indexedAt).toEqual(before.get(document.externalId)?.indexedAt);
    }
  });

  it("a folder moved under another carries its documents along; look-ups do not grow with the documents", async () => {
    const { standIn } = kit;
    const projects = standIn.addFolder({ name: "Projects" });
    const alpha = standIn.addFolder({ name: "Alpha", parent: projects.id });
    const notes = standIn.addFolder({ name: "Notes", parent: alpha.id });
    const plans = Array.from({ length: 4 }, (_, index) =>
      standIn.addDoc({ name: `Plan ${index}`, parent: alpha.id, markdown: `Plan number ${index}.` }),
    );
    const minutes = standIn.addDoc({ name: "Minutes", parent: notes.id, markdown: "We met on Monday." });
    // No document sits in Archive yet: the sync has to look it up (once), and My Drive's root.
    const archive = standIn.addFolder({ name: "Archive" });
    const old = standIn.addFolder({ name: "2025", parent: archive.id });
    await kit.sync("incremental");
    expect(await pathOf(minutes.id)).toBe("Projects/Alpha/Notes");

    standIn.move(alpha.id, old.id);
    const spent = await kit.cost(() => kit.sync("incremental"));
    expect(spent).toMatchObject({ reads: 0, embedded: 0 });
    expect(spent.calls).toBeLessThanOrEqual(4); // the feed, the root, 2025, Archive
    for (const plan of plans) expect(await pathOf(plan.id)).toBe("Archive/2025/Alpha");
    expect(await pathOf(minutes.id)).toBe("Archive/2025/Alpha/Notes");

    // And back to the top of My Drive.
    standIn.move(alpha.id, standIn.rootFolderId);
    expect(await kit.cost(() => kit.sync("incremental"))).toMatchObject({ reads: 0, embedded: 0 });
    expect(await pathOf(minutes.id)).toBe("Alpha/Notes");
  });

  it("a folder and its subfolder renamed together while a file inside is edited: one read, every path new", async () => {
    const { standIn } = kit;
    const team = standIn.addDrive({ name: "Team" });
    const policies = standIn.addFolder({ name: "Policies", driveId: team.id });
    const hr = standIn.addFolder({ name: "HR", parent: policies.id });
    const leave = standIn.addDoc({ name: "Leave", parent: hr.id, markdown: "Twenty days of leave." });
    const travel = standIn.addDoc({ name: "Travel", parent: hr.id, markdown: "Book trains early." });
    await kit.sync("incremental");
    expect(await pathOf(leave.id)).toBe("Team/Policies/HR");

    standIn.rename(policies.id, "Rules");
    standIn.rename(hr.id, "People");
    standIn.edit(travel.id, { markdown: "Book trains two weeks ahead." });
    const spent = await kit.cost(() => kit.sync("incremental"));
    expect(spent).toMatchObject({ reads: 1, embedded: 1 });
    expect(await pathOf(leave.id)).toBe("Team/Rules/People");
    expect(await pathOf(travel.id)).toBe("Team/Rules/People");
  });

  it("a trashed folder's documents are deleted: Drive reports each file below it", async () => {
    const { standIn } = kit;
    const drafts = standIn.addFolder({ name: "Drafts" });
    const inner = standIn.addFolder({ name: "Old", parent: drafts.id });
    standIn.addDoc({ name: "Draft", parent: drafts.id, markdown: "A draft." });
    standIn.addDoc({ name: "Older", parent: inner.id, markdown: "An older draft." });
    const kept = standIn.addDoc({ name: "Kept", markdown: "Stays." });
    await kit.sync("incremental");
    standIn.trash(drafts.id);
    expect(await kit.sync("incremental")).toMatchObject({ deleted: 2, complete: true });
    expect((await kit.indexed()).map((document) => document.externalId)).toEqual([kept.id]);
  });

  it("documents stored before folder ids were kept: those right in the folder follow at once, the rest after a full pass", async () => {
    const { standIn } = kit;
    const policies = standIn.addFolder({ name: "Policies" });
    const hr = standIn.addFolder({ name: "HR", parent: policies.id });
    const handbook = standIn.addDoc({ name: "Handbook", parent: policies.id, markdown: "Welcome aboard." });
    const leave = standIn.addDoc({ name: "Leave", parent: hr.id, markdown: "Twenty days of leave." });
    await kit.sync("incremental");
    // What an older sync stored: the path, no folder ids.
    await touchDocuments(
      kit.database.db,
      (await kit.indexed()).map(({ id, updatedAt, metadata: { folders: _folders, ...metadata } }) => ({
        id,
        updatedAt,
        metadata,
      })),
    );

    standIn.rename(policies.id, "Company handbook");
    expect(await kit.cost(() => kit.sync("incremental"))).toMatchObject({ reads: 0, embedded: 0 });
    expect(await pathOf(handbook.id)).toBe("Company handbook");
    expect(await pathOf(leave.id)).toBe("Policies/HR");
    expect(await kit.cost(() => kit.sync("full"))).toMatchObject({ reads: 0, embedded: 0 });
    expect(await pathOf(leave.id)).toBe("Company handbook/HR");
  });
});
