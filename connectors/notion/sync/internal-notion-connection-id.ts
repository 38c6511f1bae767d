/** The connection of a workspace's internal integration (NOTION_TOKEN): one per workspace. */
export function internalNotionConnectionId(workspaceId: string): string {
  return `notion-internal@${workspaceId}`;
}
