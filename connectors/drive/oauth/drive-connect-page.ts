import { escapeHtml, type OAuthConnectWording } from "#connectors/oauth/oauth-connect-page.ts";

/** Google Drive's words on the page after Google's consent screen. */
export const driveConnectWording: OAuthConnectWording = {
  name: "Google Drive",
  startAgain:
    "Start again with <code>/sabio connect drive</code> in Slack or Discord, or <code>sabio connect drive</code>.",
  connected: (outcome) => [
    `<strong>${escapeHtml(outcome.accountLabel)}</strong> is now connected to the Sabio workspace <strong>${escapeHtml(outcome.workspaceId)}</strong>.`,
    outcome.syncQueued
      ? "The first sync has started: Sabio is reading My Drive and the shared drives this account can see. Depending on their size this takes a few minutes to hours; ask away once it is done."
      : "The first sync could not be queued just now; it starts with the next scheduled sync.",
    "Sabio only reads: it never changes or shares your files. Answers respect who may see each file.",
    "You can close this tab.",
  ],
};
