import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { searchKnowledge } from "#shared/knowledge/search-knowledge.ts";
import { type DriveSyncKit, driveContentRoutes, startDriveSyncKit } from "#test/drive/drive-sync-test-kit.ts";
import { silentLogger } from "#test/helpers/silent-logger.ts";

describe("Drive sync: staying in sync through the changes feed", () => {
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

  it("a sync with nothing changed costs at most 2 calls, no download or export, no embedding", async () => {
    for (let index = 0; index < 5; index += 1)
      kit.standIn.addDoc({ name: `Doc ${index}`, markdown: `Body number ${index} of the handbook.` });
    kit.standIn.addFile({ name: "notes.md", mimeType: "text/markdown", text: "# Notes\n\nSome notes." });
    await kit.sync("incremental");
    const spent = await kit.cost(() => kit.sync("incremental"));
    expect(spent.calls).toBeLessThanOrEqual(2);
    expect(spent).toMatchObject({ reads: 0, embedded: 0 });
    // A full pass with nothing changed reads nothing either: the ledger knows each file is current.
    expect(await kit.cost(() => kit.sync("full"))).toMatchObject({ reads: 0, embedded: 0 });
  });

  it("picks up an edit, a rename, a move, a trash, a removal and a permission change; only the edit and rename are embedded", async () => {
    const { standIn } = kit;
    const archive = standIn.addFolder({ name: "Archive" });
    const edited = standIn.addDoc({ name: "Parking", markdown: "Park on level two." });
    const renamed = standIn.addDoc({ name: "Old name", markdown: "Lunch is at noon." });
    const moved = standIn.addDoc({ name: "Moved", markdown: "Printers are on floor three." });
    const trashed = standIn.addDoc({ name: "Trashed", markdown: "The old wifi password rules." });
    const removed = standIn.addDoc({ name: "Removed", markdown: "A document about badges." });
    const shared = standIn.addDoc({ name: "Salaries", markdown: "Salary bands by level." });
    const untouched = standIn.addDoc({ name: "Untouched", markdown: "Nothing changes here." });
    await kit.sync("incremental");
    expect(await kit.indexed()).toHaveLength(7);

    standIn.edit(edited.id, { markdown: "Park in the bicycle-friendly lot." });
    standIn.rename(renamed.id, "Lunch policy");
    standIn.move(moved.id, archive.id);
    standIn.trash(trashed.id);
    standIn.remove(removed.id);
    standIn.share(shared.id, { type: "user", role: "reader", emailAddress: "carol@example.com" });

    const before = kit.embedder.embedded;
    const report = await kit.sync("incremental");
    expect(report).toMatchObject({
      mode: "incremental",
      state: "ok",
      complete: true,
      deleted: 2,
      indexed: 2,
    });
    expect(kit.embedder.embedded - before).toBe(2); // one chunk each: the edit and the rename
    const reads = standIn.calls.filter((call) => driveContentRoutes.includes(call.route));
    const readIds = new Set(reads.slice(-2).map((call) => call.params.fileId));
    expect(readIds).toEqual(new Set([edited.id, renamed.id]));

    const ids = (await kit.indexed()).map((document) => document.externalId).sort();
    expect(ids).toEqual([edited.id, renamed.id, moved.id, shared.id, untouched.id].sort());
    expect((await search("bicycle-friendly"))[0]?.title).toBe("Parking");
    expect((await search("Park on level two")).map((result) => result.text)).not.toContain(
      "Park on level two.",
    );
    // The rename left no ghost: one document, under the new title.
    const lunch = (await search("Lunch noon")).filter((result) => result.text.includes("noon"));
    expect(lunch.map((result) => result.title)).toEqual(["Lunch policy"]);
    expect((await kit.byId(moved.id))?.metadata.folderPath).toBe("Archive");
    expect((await kit.byId(shared.id))?.access?.users).toEqual(["admin@example.com", "carol@example.com"]);
    expect((await search("wifi password")).map((result) => result.title)).not.toContain("Trashed");
  });

  it("a permission change alone is applied without a read or an embedding, and reaches the store's access", async () => {
    const doc = kit.standIn.addDoc({ name: "Plans", markdown: "Secret plans for the offsite." });
    await kit.sync("incremental");
    const asDana = async () =>
      (
        await searchKnowledge(
          { store: kit.store, embedder: null, logger: silentLogger() },
          "acme",
          "offsite plans",
          {
            limit: 5,
            viewer: { email: "dana@example.com" },
          },
        )
      ).results.map((result) => result.title);
    expect(await asDana()).not.toContain("Plans");
    kit.standIn.share(doc.id, { type: "domain", role: "reader", domain: "example.com" });
    const spent = await kit.cost(() => kit.sync("incremental"));
    expect(spent).toMatchObject({ reads: 0, embedded: 0 });
    expect((await kit.byId(doc.id))?.access).toMatchObject({ domains: ["example.com"] });
    expect(await asDana()).toContain("Plans");
  });

  it("a file trashed while the sync reads it is gone after the next sync; one deleted mid-read is never indexed", async () => {
    const trashed = kit.standIn.addDoc({ name: "Draft", markdown: "A draft about the merger." });
    const deleted = kit.standIn.addDoc({ name: "Temp", markdown: "Temporary text about parking." });
    const fetchFor = () => async (input: string | URL | Request, init?: RequestInit) => {
      const url = String(input instanceof Request ? input.url : input);
      if (url.includes(`/files/${trashed.id}/export`) && !kit.standIn.file(trashed.id).trashed)
        kit.standIn.trash(trashed.id);
      if (
        url.includes(`/files/${deleted.id}/export`) &&
        kit.standIn.calls.every((call) => call.params.fileId !== deleted.id || call.route !== "files.export")
      )
        kit.standIn.remove(deleted.id);
      return fetch(input, init);
    };
    const first = await kit.sync("incremental", { fetchFor });
    expect(first).toMatchObject({ state: "ok", complete: true });
    expect(await kit.byId(deleted.id)).toBeUndefined();
    await kit.sync("incremental");
    expect(await kit.indexed()).toEqual([]);
  });
});
