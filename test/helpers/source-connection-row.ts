import type { SourceConnectionRow } from "#shared/db/schema.ts";

/** Which Notion connection the rows are: workspace acme's, as the OAuth callback saves it. */
export const acmeNotionConnection = {
  id: "notion:acme-notion",
  workspaceId: "acme",
  kind: "notion",
  source: "notion:acme-notion",
  label: "Acme Notion",
  externalAccountId: "acme-notion",
} as const satisfies Partial<SourceConnectionRow>;

/** A Notion connection row as the repository returns it, needing re-auth; `fields` override. */
export function sourceConnectionRow(fields: Partial<SourceConnectionRow> = {}): SourceConnectionRow {
  const now = new Date("2026-03-01T09:00:00Z");
  return {
    ...acmeNotionConnection,
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
