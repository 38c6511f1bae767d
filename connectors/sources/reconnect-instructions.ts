import type { SourceConnectionKind, SourceConnectionRow } from "#shared/db/schema.ts";

/** Where the admin who gets the alert is: the instructions name that platform's command. */
export type AlertPlatform = "slack" | "discord";

/** Who runs `/sabio connect <source>`, and where, on each platform. */
const connectAgain: Record<AlertPlatform, (source: string) => string> = {
  slack: (source) => `A workspace admin runs \`/sabio connect ${source}\` here in Slack`,
  discord: (source) =>
    `A member with Manage Server (or on Sabio's approver list) runs \`/sabio connect ${source}\` in the Discord server`,
};

/** Per kind: a connection made through the vendor's consent page, and one running on server settings. */
const instructions: Record<
  SourceConnectionKind,
  { oauth: (platform: AlertPlatform) => string; server: string }
> = {
  notion: {
    oauth: (platform) => `${connectAgain[platform]("notion")} and approves Sabio again in Notion.`,
    server:
      "Whoever runs the Sabio server creates a new token for the internal integration in Notion (Settings → Connections → Develop or manage integrations), puts it in `NOTION_TOKEN` and restarts Sabio.",
  },
  drive: {
    oauth: (platform) =>
      `${connectAgain[platform]("drive")} (or \`sabio connect drive\` on the server) and allows Sabio read-only access again in Google.`,
    server:
      "Whoever runs the Sabio server checks the service account: that `GOOGLE_SERVICE_ACCOUNT_FILE` points at a valid JSON key that was not deleted in the Cloud console, and, with `GOOGLE_DRIVE_SUBJECT`, that domain-wide delegation for the drive.readonly scope is still granted in the Workspace Admin console; then restarts Sabio.",
  },
  files: {
    oauth: () => "Whoever runs the Sabio server checks that the folder still exists and can be read.",
    server: "Whoever runs the Sabio server checks that the folder still exists and can be read.",
  },
};

/**
 * What an admin does to bring a connection that needs re-auth back, in plain words (backticks are
 * code on both platforms). A connection without stored credentials runs on the server's settings
 * (NOTION_TOKEN, the Drive service account); the others were made through the vendor's consent page
 * and are made again the same way.
 */
export function reconnectInstructions(
  connection: Pick<SourceConnectionRow, "credentials" | "kind">,
  platform: AlertPlatform,
): string {
  const forKind = instructions[connection.kind];
  return connection.credentials === null ? forKind.server : forKind.oauth(platform);
}
