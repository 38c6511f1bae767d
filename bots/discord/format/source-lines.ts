import type { CitedSource } from "#shared/platform/platform.ts";
import { shortenText } from "#shared/text/shorten-text.ts";
import { plainDiscordText } from "../commands/plain-discord-text.ts";
import { neutralizeDiscordPings } from "./neutralize-discord-pings.ts";

const maxTitleChars = 90;
// A longer address is shown as the title alone: it would crowd out the answer.
const maxUrlChars = 500;

/** Characters that would end `(<…>)` early are percent-encoded; so is the @ of an "@everyone" in a path. */
function linkTarget(url: string): string {
  return url
    .replace(
      /[\s<>()]/g,
      (character) => `%${character.charCodeAt(0).toString(16).toUpperCase().padStart(2, "0")}`,
    )
    .replace(/@(?=everyone|here)/gi, "%40");
}

/**
 * "[Title](<https://…>)": the title escaped so `[`, `]`, `*`, `_` or a backtick can't break the
 * link and mentions are defused; the angle brackets keep Discord from unfurling it. Without a
 * web address, the plain title (and the file path when there is one).
 */
function sourceLink(source: CitedSource): string {
  const url = source.url.trim();
  const title = (source.title.trim() || url || source.documentId).replace(/\s+/g, " ");
  // Defused before escaping, so the escaped ">" can't hide a mention from the defusing.
  const label = plainDiscordText(neutralizeDiscordPings(shortenText(title, maxTitleChars)));
  if (/^https?:\/\/[^\s/]/i.test(url) && url.length <= maxUrlChars) {
    // Discord won't show a masked link whose text is an address: an untitled page is the bare <url>.
    return title === url ? `<${linkTarget(url)}>` : `[${label}](<${linkTarget(url)}>)`;
  }
  return url && url !== title ? `${label} — ${plainDiscordText(shortenText(url, maxTitleChars))}` : label;
}

/**
 * One line per source under a heading: "[1] [Title](<url>)" when numbered (the numbers the
 * answer cites), "- [Title](<url>)" otherwise. Past `maxChars`, "… and 3 more". [] when none.
 */
export function sourceLines(
  heading: string,
  sources: readonly CitedSource[],
  options: { numbered: boolean; maxChars: number },
): string[] {
  if (sources.length === 0 || options.maxChars < heading.length) return [];
  const sorted = options.numbered ? [...sources].sort((a, b) => a.n - b.n) : sources;
  const lines = [heading];
  let length = heading.length;
  for (const [index, source] of sorted.entries()) {
    const line = `${options.numbered ? `[${source.n}]` : "-"} ${sourceLink(source)}`;
    const more = `… and ${sorted.length - index} more`;
    const isLast = index === sorted.length - 1;
    if (length + 1 + line.length + (isLast ? 0 : 1 + more.length) > options.maxChars) {
      lines.push(more);
      break;
    }
    lines.push(line);
    length += 1 + line.length;
  }
  return lines;
}
