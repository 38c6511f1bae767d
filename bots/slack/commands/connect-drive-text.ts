import { escapeMrkdwn } from "../format/escape-mrkdwn.ts";

/** What `/sabio connect drive` says (mrkdwn). */
export const connectDriveText = {
  noWorkspace: "This Slack workspace is not connected to a Sabio workspace yet.",
  notConfigured:
    "Connecting Google Drive from Slack isn't set up on this Sabio server. Whoever runs it can enable it by creating a Google OAuth client (Web application) and setting `GOOGLE_CLIENT_ID`, `GOOGLE_CLIENT_SECRET` and `ENCRYPTION_KEY` (see the README), or connect Drive with a service account (`GOOGLE_SERVICE_ACCOUNT_FILE`).",
  notAdmin:
    "Only workspace admins and owners (and people on Sabio's approver list) can connect Google Drive. Ask one of them to run `/sabio connect drive`.",
  link: (facts: { url: string; workspaceId: string; minutes: number }) =>
    [
      `*Connect Google Drive* to Sabio workspace \`${facts.workspaceId}\`: <${escapeMrkdwn(facts.url)}|open Google's consent page>.`,
      `Sign in with the Google account whose Drive Sabio should read and allow read-only access; the first sync starts right after. Answers respect who may see each file. The link is yours alone, works once and expires in ${facts.minutes} minutes.`,
    ].join("\n"),
} as const;
