import { describe, expect, it } from "vitest";
import { nextNotionSyncState, readNotionCursor } from "./notion-sync-state.ts";

describe("Notion sync state", () => {
  it("reads the cursor it saved and the one migrated from the old column", () => {
    expect(readNotionCursor({ cursor: "2026-02-28T09:00:00.000Z" })).toEqual(
      new Date("2026-02-28T09:00:00Z"),
    );
    // to_jsonb(timestamptz) as migration 0006 wrote it.
    expect(readNotionCursor({ cursor: "2026-02-28T09:00:00+00:00" })).toEqual(
      new Date("2026-02-28T09:00:00Z"),
    );
  });

  it("has no cursor for a new row or a state it cannot read, so a full sync runs", () => {
    for (const state of [null, undefined, "page-token", { cursor: 12 }, { cursor: "yesterday" }])
      expect(readNotionCursor(state)).toBeNull();
  });

  it("only moves the cursor forward", () => {
    const saved = { cursor: "2026-02-28T09:00:00.000Z" };
    expect(nextNotionSyncState(saved, new Date("2026-01-01T00:00:00Z"))).toBeUndefined();
    expect(nextNotionSyncState(saved, null)).toBeUndefined();
    expect(nextNotionSyncState(saved, new Date("2026-03-01T00:00:00Z"))).toEqual({
      cursor: "2026-03-01T00:00:00.000Z",
    });
    expect(nextNotionSyncState(null, new Date("2026-03-01T00:00:00Z"))).toEqual({
      cursor: "2026-03-01T00:00:00.000Z",
    });
  });
});
