import { describe, expect, it } from "vitest";
import type { SourceConnectionRow } from "#shared/db/schema.ts";
import { syncsToResume } from "./syncs-to-resume.ts";

function row(overrides: Partial<SourceConnectionRow>): SourceConnectionRow {
  const at = new Date("2026-01-01T00:00:00Z");
  return {
    id: "notion-internal@acme",
    workspaceId: "acme",
    kind: "notion",
    source: "notion",
    label: null,
    externalAccountId: null,
    connectedBy: null,
    credentials: null,
    settings: {},
    syncLeaseOwner: null,
    syncLeaseUntil: null,
    state: "ok",
    syncState: null,
    lastCompleteSyncAt: null,
    lastSyncAt: null,
    lastError: null,
    documentCount: 0,
    createdAt: at,
    updatedAt: at,
    ...overrides,
  };
}

describe("syncsToResume", () => {
  it("resumes interrupted syncs and gives an env-token connection that needs re-auth one try", () => {
    const requests = syncsToResume([
      row({ id: "a", state: "syncing" }),
      row({ id: "b", state: "ok" }),
      row({ id: "c", state: "error" }),
      row({ id: "d", state: "needs_reauth" }),
      row({ id: "e", state: "needs_reauth", credentials: "sealed" }),
    ]);
    expect(requests).toEqual([
      { workspaceId: "acme", connectionId: "a", mode: "incremental", reason: "schedule" },
      { workspaceId: "acme", connectionId: "d", mode: "incremental", reason: "manual" },
    ]);
  });
});
