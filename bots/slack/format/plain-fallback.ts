import { neutralizePings } from "./neutralize-pings.ts";

const link = /<((?:https?|ftp|mailto):[^\s<>|]+)(?:\|([^<>\n]*))?>/gi;
// slackify-markdown and tidyMrkdwnLines put zero-width spaces around *bold*/_italic_/~strike~
// markers; only those spaces go, the ones keeping "@here" inert stay.
const formattingMarker = /\u200B[*_~]+|[*_~]+\u200B/g;
// Markers without them still open or close a word: "_The answer is empty._" (snake_case stays).
const openingMarker = /(^|[\s(])[*_~]+(?=[^\s*_~])/g;
const closingMarker = /(?<=[^\s*_~])[*_~]+(?=$|[\s).,;:!?])/g;

/**
 * A short plain version of mrkdwn for a message's `text`: what notifications and old clients
 * show. Links become their labels, formatting marks go, mentions stay defused.
 */
export function plainFallback(mrkdwn: string, maxChars = 300): string {
  const plain = mrkdwn
    .replace(link, (_match, url: string, label: string | undefined) => label ?? url)
    .replace(formattingMarker, "")
    .replace(openingMarker, "$1")
    .replace(closingMarker, "")
    .replace(/`/g, "")
    .replace(/^[ \t]*(?:>[ \t]?)+/gm, "")
    .replace(/\s+/g, " ")
    .trim();
  return neutralizePings(truncate(plain, maxChars));
}

function truncate(text: string, maxChars: number): string {
  if (text.length <= maxChars) return text;
  const room = text.slice(0, maxChars - 1);
  const lastSpace = room.lastIndexOf(" ");
  const cut = lastSpace > maxChars / 2 ? room.slice(0, lastSpace) : room.replace(/[\uD800-\uDBFF]$/, "");
  // A cut through "&amp;" would leave "&am", which Slack shows as is.
  return `${cut.replace(/&[a-zA-Z#0-9]*$/, "")}…`;
}
