/** An OAuth connection's id: one per (Notion workspace, Sabio workspace); reconnecting reuses it. */
export function oauthNotionConnectionId(notionWorkspaceId: string, workspaceId: string): string {
  return `notion-${notionWorkspaceId}@${workspaceId}`;
}

/** The `source` its documents are indexed under, apart from every other connection's. */
export function oauthNotionSource(notionWorkspaceId: string): string {
  return `notion:${notionWorkspaceId}`;
}
