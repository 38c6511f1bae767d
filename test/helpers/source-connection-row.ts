import type { SourceConnectionRow } from "#shared/db/schema.ts";

/** A Notion connection row as the repository returns it, needing re-auth; `fields` override. */
export function sourceConnectionRow(fields: Partial<SourceConnectionRow> = {}): SourceConnectionRow {
  const now = new Date("2026-03-01T09:00:00Z");
  return {
    id: "notion:acme-notion",
    workspaceId: "acme",
    kind: "notion",
    source: "notion:acme-notion",
    label: "Acme Notion",
    externalAccountId: "acme-notion",
    connectedBy: null,
    credentials: "sealed",
    settings: {},
    syncLeaseOwner: null,
    syncLeaseUntil: null,
    state: "needs_reauth",
    syncState: null,
    lastCompleteSyncAt: now,
    lastSyncAt: now,
    lastError: null,
    documentCount: 12,
    createdAt: now,
    updatedAt: now,
    ...fields,
  };
}
