import { type AppError, ErrorCode } from "#shared/errors/app-error.ts";
import type { OAuthConnectOutcome } from "./oauth-connect-outcome.ts";

/** What the browser sees after a vendor's consent screen. */
export interface OAuthConnectPage {
  status: 200 | 400 | 502 | 503;
  html: string;
}

/** One provider's words on the page. */
export interface OAuthConnectWording {
  /** "Notion", "Google Drive". */
  name: string;
  /** How to start again (HTML), e.g. "Start again with <code>/sabio connect notion</code>…". */
  startAgain: string;
  /** The paragraphs (HTML; escape what comes from the outcome) after a connection. */
  connected(outcome: Extract<OAuthConnectOutcome, { status: "connected" }>): string[];
}

/** One plain-words page per outcome; nothing from the outcome reaches the page unescaped. */
export function oauthConnectPage(
  wording: OAuthConnectWording,
  outcome: OAuthConnectOutcome,
): OAuthConnectPage {
  switch (outcome.status) {
    case "connected":
      return { status: 200, html: plainPage(`${wording.name} connected`, wording.connected(outcome)) };
    case "denied":
      return {
        status: 200,
        html: plainPage(`${wording.name} not connected`, [
          "You chose not to give Sabio access, so nothing was connected.",
          `Changed your mind? ${wording.startAgain}`,
        ]),
      };
    case "bad_state":
      return {
        status: 400,
        html: plainPage("This link does not work", [
          badStateText(wording.name)[outcome.reason],
          wording.startAgain,
        ]),
      };
    case "failed":
      return {
        status: failedStatus(outcome.error),
        html: plainPage(`${wording.name} could not be connected`, [
          escapeHtml(outcome.error.message),
          ...(outcome.error.hint ? [`What to do: ${escapeHtml(outcome.error.hint)}.`] : []),
          "Nothing was changed.",
        ]),
      };
  }
}

/** 503: try again later; 400: this link or code is spent; 502: the vendor or the setup refused. */
function failedStatus(error: AppError): OAuthConnectPage["status"] {
  if (error.retryable) return 503;
  if (error.code === ErrorCode.InvalidInput) return 400;
  return 502;
}

function badStateText(
  name: string,
): Record<Extract<OAuthConnectOutcome, { status: "bad_state" }>["reason"], string> {
  return {
    missing: "This address is missing the part that says who started the connection.",
    malformed: "This link was not made by this Sabio server, or it was cut short.",
    forged: "This link was changed after Sabio made it (or made with another key), so it is not trusted.",
    expired: `This link has expired: links to connect ${escapeHtml(name)} work for 10 minutes.`,
    reused: "This link was already used. Each link connects once.",
  };
}

/** A small page of paragraphs (HTML: escape what comes from outside) in Sabio's plain style. */
export function plainPage(title: string, paragraphs: string[]): string {
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
