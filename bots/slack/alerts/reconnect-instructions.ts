import type { SourceConnectionRow } from "#shared/db/schema.ts";

/**
 * What an admin does to bring a connection that needs re-auth back, in plain words (mrkdwn). A
 * connection without stored credentials runs on the server's NOTION_TOKEN; the others were made
 * through Notion's consent page and are made again the same way.
 */
export function reconnectInstructions(connection: Pick<SourceConnectionRow, "credentials">): string {
  if (connection.credentials === null) {
    return "Whoever runs the Sabio server creates a new token for the internal integration in Notion (Settings → Connections → Develop or manage integrations), puts it in `NOTION_TOKEN` and restarts Sabio.";
  }
  return "A workspace admin runs `/sabio connect notion` here in Slack and approves Sabio again in Notion.";
}
