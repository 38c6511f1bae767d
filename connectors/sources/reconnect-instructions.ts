import type { SourceConnectionRow } from "#shared/db/schema.ts";

/** Where the admin who gets the alert is: the instructions name that platform's command. */
export type AlertPlatform = "slack" | "discord";

/** Who runs `/sabio connect notion`, and where, on each platform. */
const connectAgain: Record<AlertPlatform, string> = {
  slack: "A workspace admin runs `/sabio connect notion` here in Slack",
  discord:
    "A member with Manage Server (or on Sabio's approver list) runs `/sabio connect notion` in the Discord server",
};

/**
 * What an admin does to bring a connection that needs re-auth back, in plain words (backticks are
 * code on both platforms). A connection without stored credentials runs on the server's
 * NOTION_TOKEN; the others were made through Notion's consent page and are made again the same way.
 */
export function reconnectInstructions(
  connection: Pick<SourceConnectionRow, "credentials">,
  platform: AlertPlatform,
): string {
  if (connection.credentials === null) {
    return "Whoever runs the Sabio server creates a new token for the internal integration in Notion (Settings → Connections → Develop or manage integrations), puts it in `NOTION_TOKEN` and restarts Sabio.";
  }
  return `${connectAgain[platform]} and approves Sabio again in Notion.`;
}
