import { type AppError, ErrorCode } from "#shared/errors/app-error.ts";
import type { NotionConnectOutcome } from "./complete-notion-connect.ts";

/** What the browser sees after Notion's consent screen. */
export interface NotionConnectPage {
  status: 200 | 400 | 502 | 503;
  html: string;
}

const startAgain =
  "Start again with <code>/sabio connect notion</code> in Slack or <code>sabio connect notion</code>.";

/** One plain-words page per outcome; nothing from the outcome reaches the page unescaped. */
export function notionConnectPage(outcome: NotionConnectOutcome): NotionConnectPage {
  switch (outcome.status) {
    case "connected":
      return {
        status: 200,
        html: page("Notion connected", [
          `The Notion workspace <strong>${escapeHtml(outcome.notionWorkspaceName)}</strong> is now connected to the Sabio workspace <strong>${escapeHtml(outcome.workspaceId)}</strong>.`,
          outcome.syncQueued
            ? "The first sync has started: Sabio is reading the pages you shared. Depending on their number this takes a few minutes; ask away once it is done."
            : "The first sync could not be queued just now; it starts with the next scheduled sync.",
          "Sabio reads only the pages you shared with it. To add more later, share them with the integration in Notion (••• → Connections).",
          "You can close this tab.",
        ]),
      };
    case "denied":
      return {
        status: 200,
        html: page("Notion not connected", [
          "You chose not to give Sabio access, so nothing was connected.",
          `Changed your mind? ${startAgain}`,
        ]),
      };
    case "bad_state":
      return {
        status: 400,
        html: page("This link does not work", [badStateText[outcome.reason], startAgain]),
      };
    case "failed":
      return {
        status: failedStatus(outcome.error),
        html: page("Notion could not be connected", [
          escapeHtml(outcome.error.message),
          ...(outcome.error.hint ? [`What to do: ${escapeHtml(outcome.error.hint)}.`] : []),
          "Nothing was changed.",
        ]),
      };
  }
}

/** 503: try again later; 400: this link or code is spent; 502: Notion or the setup refused. */
function failedStatus(error: AppError): NotionConnectPage["status"] {
  if (error.retryable) return 503;
  if (error.code === ErrorCode.InvalidInput) return 400;
  return 502;
}

const badStateText: Record<Extract<NotionConnectOutcome, { status: "bad_state" }>["reason"], string> = {
  missing: "This address is missing the part that says who started the connection.",
  malformed: "This link was not made by this Sabio server, or it was cut short.",
  forged: "This link was changed after Sabio made it (or made with another key), so it is not trusted.",
  expired: "This link has expired: links to connect Notion work for 10 minutes.",
  reused: "This link was already used. Each link connects once.",
};

function page(title: string, paragraphs: string[]): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} · Sabio</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:36rem;margin:4rem auto;padding:0 1rem;color:#222}h1{font-size:1.4rem}code{background:#f2f2f2;padding:0 .2rem}</style>
</head>
<body>
<h1>${escapeHtml(title)}</h1>
${paragraphs.map((text) => `<p>${text}</p>`).join("\n")}
</body>
</html>
`;
}

export function escapeHtml(text: string): string {
  return text
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;")
    .replaceAll("'", "&#39;");
}
