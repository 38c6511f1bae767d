/** What `/sabio connect notion` says (Discord Markdown). */
export const connectNotionText = {
  notConfigured:
    "Connecting Notion from Discord isn't set up on this Sabio server. Whoever runs it can enable it by creating a public Notion integration and setting `NOTION_CLIENT_ID`, `NOTION_CLIENT_SECRET` and `ENCRYPTION_KEY` (see the README), or connect one Notion workspace with `NOTION_TOKEN`.",
  notAdmin:
    "Only members with **Manage Server** (and the roles and people on Sabio's approver list) can connect Notion. Ask one of them to run `/sabio connect notion`.",
  link: (facts: { url: string; workspaceId: string; minutes: number }) =>
    [
      `**Connect Notion** to Sabio workspace \`${facts.workspaceId}\`: [open Notion's consent page](<${facts.url}>).`,
      `Sign in, choose the pages Sabio may read, and confirm; the first sync starts right after. The link is yours alone, works once and expires in ${facts.minutes} minutes. Don't share it.`,
    ].join("\n"),
} as const;
