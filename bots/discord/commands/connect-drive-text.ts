/** What `/sabio connect drive` says (Discord Markdown). */
export const connectDriveText = {
  notConfigured:
    "Connecting Google Drive from Discord isn't set up on this Sabio server. Whoever runs it can enable it by creating a Google OAuth client (Web application) and setting `GOOGLE_CLIENT_ID`, `GOOGLE_CLIENT_SECRET` and `ENCRYPTION_KEY` (see the README), or connect Drive with a service account (`GOOGLE_SERVICE_ACCOUNT_FILE`).",
  notAdmin:
    "Only members with **Manage Server** (and the roles and people on Sabio's approver list) can connect Google Drive. Ask one of them to run `/sabio connect drive`.",
  link: (facts: { url: string; workspaceId: string; minutes: number }) =>
    [
      `**Connect Google Drive** to Sabio workspace \`${facts.workspaceId}\`: [open Google's consent page](<${facts.url}>).`,
      `Sign in with the Google account whose Drive Sabio should read and allow read-only access; the first sync starts right after. The link is yours alone, works once and expires in ${facts.minutes} minutes. Don't share it.`,
    ].join("\n"),
} as const;
