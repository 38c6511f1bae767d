import { escapeMrkdwn } from "../format/escape-mrkdwn.ts";

/** What `/sabio connect notion` says (mrkdwn). */
export const connectNotionText = {
  noWorkspace: "This Slack workspace is not connected to a Sabio workspace yet.",
  notConfigured:
    "Connecting Notion from Slack isn't set up on this Sabio server. Whoever runs it can enable it by creating a public Notion integration and setting `NOTION_CLIENT_ID`, `NOTION_CLIENT_SECRET` and `ENCRYPTION_KEY` (see the README), or connect one Notion workspace with `NOTION_TOKEN`.",
  notAdmin:
    "Only workspace admins and owners (and people on Sabio's approver list) can connect Notion. Ask one of them to run `/sabio connect notion`.",
  link: (facts: { url: string; workspaceId: string; minutes: number }) =>
    [
      `*Connect Notion* to Sabio workspace \`${facts.workspaceId}\`: <${escapeMrkdwn(facts.url)}|open Notion's consent page>.`,
      `Sign in, choose the pages Sabio may read, and confirm; the first sync starts right after. The link is yours alone, works once and expires in ${facts.minutes} minutes.`,
    ].join("\n"),
} as const;
