import type { ContextBlock } from "@slack/types";
import type { CitedSource } from "#shared/platform/platform.ts";
import { shortenText } from "#shared/text/shorten-text.ts";
import { escapeMrkdwn } from "./escape-mrkdwn.ts";
import { neutralizePings } from "./neutralize-pings.ts";

const maxTitleChars = 90;
// A context element holds at most 3,000 characters.
const maxTextChars = 2_900;
const separator = " · ";

/** Characters that would end a <url|label> link early are percent-encoded. */
function linkTarget(url: string): string {
  return url.replace(/[\s|<>]/g, (character) => encodeURIComponent(character));
}

function sourceEntry(source: CitedSource, numbered: boolean): string {
  const title = source.title.trim() || source.url.trim() || source.documentId;
  const label = `${numbered ? `[${source.n}] ` : ""}${escapeMrkdwn(shortenText(title.replace(/\s+/g, " "), maxTitleChars))}`;
  const url = source.url.trim();
  if (/^https?:\/\/\S/i.test(url)) return `<${linkTarget(url)}|${label}>`;
  // A local file: its path is useful to the reader but not a link Slack could open.
  return url && url !== title ? `${label} — ${escapeMrkdwn(url)}` : label;
}

/**
 * The cited sources in one compact context line: "Sources: [1] Title · [2] Title". With another
 * label (e.g. "Maybe related:"), the same line for pages offered but not cited.
 */
export function sourcesContext(
  sources: readonly CitedSource[],
  options: { label: string; numbered: boolean } = { label: "Sources:", numbered: true },
): ContextBlock | undefined {
  if (sources.length === 0) return undefined;
  const sorted = [...sources].sort((a, b) => a.n - b.n);
  let text = options.label;
  for (const [index, source] of sorted.entries()) {
    const entry = `${index === 0 ? " " : separator}${sourceEntry(source, options.numbered)}`;
    const more = `${separator}… ${sorted.length - index} more`;
    if (text.length + entry.length + more.length > maxTextChars) {
      text += more;
      break;
    }
    text += entry;
  }
  return { type: "context", elements: [{ type: "mrkdwn", text: neutralizePings(text), verbatim: true }] };
}
