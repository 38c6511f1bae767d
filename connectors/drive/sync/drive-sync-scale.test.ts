import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type DriveSyncKit, startDriveSyncKit } from "#test/drive/drive-sync-test-kit.ts";

describe("Drive sync: a Drive of 10,000 files", () => {
  let kit: DriveSyncKit;
  beforeEach(async () => {
    kit = await startDriveSyncKit();
  });
  afterEach(() => kit.close());

  it("lists every page (metadata only), reads only what is indexable, and deletes one file gone after a complete listing", async () => {
    const { standIn } = kit;
    const png = new Uint8Array([137, 80, 78, 71]);
    const texts: string[] = [];
    for (let index = 0; index < 10_000; index += 1) {
      if (index % 200 === 0)
        texts.push(
          standIn.addFile({ name: `note-${index}.txt`, mimeType: "text/plain", text: `Note ${index}.` }).id,
        );
      else standIn.addFile({ name: `photo-${index}.png`, mimeType: "image/png", bytes: png });
    }
    const first = await kit.sync("incremental");
    expect(first).toMatchObject({ mode: "full", state: "ok", complete: true, seen: 10_000, indexed: 50 });
    expect(standIn.callsTo("files.list")).toHaveLength(10);
    expect(standIn.callsTo("files.download")).toHaveLength(50);
    expect(first.skipped).toHaveLength(9_950);

    standIn.remove(texts[0] ?? "");
    const downloads = standIn.callsTo("files.download").length;
    const second = await kit.sync("full");
    expect(second).toMatchObject({ state: "ok", complete: true, deleted: 1, indexed: 0 });
    expect(standIn.callsTo("files.download")).toHaveLength(downloads);
    expect(await kit.indexed()).toHaveLength(49);
  }, 60_000);
});
