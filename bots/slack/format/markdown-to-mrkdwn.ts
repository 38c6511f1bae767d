import { slackifyMarkdown } from "slackify-markdown";
import { mapCodeAndProse } from "./code-spans.ts";
import { escapeMrkdwn } from "./escape-mrkdwn.ts";
import { tidyMrkdwnLines } from "./tidy-mrkdwn-lines.ts";

// Citations ([1], [1, 2], [2][3]) are parked in brackets Markdown doesn't know, so a stray
// "[1]: url" line can't turn them into links. ⁅ ⁆ are punctuation, so emphasis next to a
// citation (_word_[1]) still closes as it would next to "[".
const citation = /\[(\d+(?:\s*,\s*\d+)*)\](?!\()/g;
const parkedCitation = /⁅(\d+(?:\s*,\s*\d+)*)⁆/g;

// Raw HTML a model likes to emit: line breaks become line breaks, formatting tags are dropped.
// Anything else in <…> is left for neutralizePings, which escapes it.
const lineBreakTag = /<br\s*\/?>/gi;
const formattingTag = /<\/?(?:b|strong|i|em|u|s|del|span|sup|sub|small|mark)(?:\s[^<>]*)?>/gi;

function dropHtmlTags(prose: string): string {
  return prose.replace(lineBreakTag, "\n").replace(formattingTag, "");
}

/**
 * slackify-markdown decodes and re-encodes every link target and throws on a malformed one
 * ("100%" in a URL, a lone surrogate). Percent-encode such targets so one bad link doesn't cost
 * the whole answer its formatting.
 */
function repairLinkTargets(markdown: string): string {
  return markdown.replace(/\]\([^\s)]*|(?:https?|ftp|mailto):[^\s<>()]*/gi, (target) => {
    try {
      encodeURI(decodeURIComponent(target));
      return target;
    } catch {
      return target.replace(/%/g, "%25").replace(/\p{Surrogate}/gu, "\uFFFD");
    }
  });
}

function convert(markdown: string): string {
  const converted = slackifyMarkdown(markdown.replace(citation, "⁅$1⁆"));
  // slackify leaves code contents raw; Slack needs &, <, > escaped there too (it shows them decoded).
  const escaped = mapCodeAndProse(tidyMrkdwnLines(converted), { code: escapeMrkdwn, prose: dropHtmlTags });
  return escaped.replace(parkedCitation, "[$1]").replace(/^\n+/, "").trimEnd();
}

/**
 * Markdown (what the model writes) → Slack mrkdwn: *bold*, _italic_, `code`, ``` blocks, • lists,
 * <url|text> links, headings as bold lines, tables as plain lines. Citation markers stay as written.
 * Does not defuse mentions: the platform passes the result through neutralizePings.
 * Never throws: if conversion fails (a malformed link target it can't repair, Markdown nested
 * deep enough to overflow the parser's stack), the raw text is shown escaped.
 */
export function markdownToMrkdwn(markdown: string): string {
  try {
    return convert(markdown);
  } catch (error) {
    try {
      if (error instanceof URIError) return convert(repairLinkTargets(markdown));
    } catch {
      // fall through to the escaped raw text
    }
    return escapeMrkdwn(String(markdown ?? "")).trim();
  }
}
