import { escapeHtml, type OAuthConnectWording } from "#connectors/oauth/oauth-connect-page.ts";

/** Notion's words on the page after its consent screen. */
export const notionConnectWording: OAuthConnectWording = {
  name: "Notion",
  startAgain:
    "Start again with <code>/sabio connect notion</code> in Slack or <code>sabio connect notion</code>.",
  connected: (outcome) => [
    `The Notion workspace <strong>${escapeHtml(outcome.accountLabel)}</strong> is now connected to the Sabio workspace <strong>${escapeHtml(outcome.workspaceId)}</strong>.`,
    outcome.syncQueued
      ? "The first sync has started: Sabio is reading the pages you shared. Depending on their number this takes a few minutes; ask away once it is done."
      : "The first sync could not be queued just now; it starts with the next scheduled sync.",
    "Sabio reads only the pages you shared with it. To add more later, share them with the integration in Notion (••• → Connections).",
    "You can close this tab.",
  ],
};
