import { mapCodeAndProse } from "./code-spans.ts";

const zeroWidthSpace = "\u200B";

// The only <…> sequences allowed through: links, which notify nobody.
const linkBody = String.raw`(?:https?|ftp|mailto):[^\s<>|]+(?:\|[^<>\n]*)?`;
const isLink = new RegExp(`^${linkBody}$`, "i");
const link = new RegExp(`<(${linkBody})>`, "gi");
const controlSequence = /<([^<>\n]*)>/g;

// @channel, @here, @everyone, @group: defused everywhere, even in code and after "/", unless
// glued to a word (hr@here.com). Other @names only in prose and not inside e-mails or URLs: a
// zero-width space in `@types/node` would break copy-paste.
const broadcast = /(?<![\p{L}\p{N}_])@(?=(?:channel|here|everyone|group)\b)/giu;
const mention = /(?<![\p{L}\p{N}_.+\-/:=])@(?=[\p{L}\p{N}_])/gu;

/** "@\u200Bname" reads as @name but Slack can't resolve it to anyone. */
function inertMention(name: string): string {
  return `@${zeroWidthSpace}${name.replace(/^@+/, "")}`;
}

/** What a control sequence turns into: its readable label, never the sequence. */
function inertSequence(body: string): string {
  const [target = "", ...rest] = body.split("|");
  const label = rest.length > 0 ? rest.join("|") : undefined;
  if (target.startsWith("!date")) return label ?? "";
  if (target.startsWith("!")) {
    const [name = "", id] = target.slice(1).split("^"); // !here, !subteam^S123
    return inertMention(label ?? id ?? name);
  }
  if (target.startsWith("@")) return inertMention(label ?? target.slice(1));
  if (target.startsWith("#")) return `#${(label ?? target.slice(1)).replace(/^#+/, "")}`;
  return `&lt;${body}&gt;`;
}

function defuseBroadcasts(text: string): string {
  return text.replace(broadcast, `@${zeroWidthSpace}`);
}

function defuseMentions(text: string): string {
  return defuseBroadcasts(text).replace(mention, `@${zeroWidthSpace}`);
}

/** Outside code: links kept with their labels defused; stray < and > escaped; @mentions defused. */
function defuseProse(segment: string, startsLine: boolean): string {
  // A > that opens a line (after indentation or other >) is a quote marker, not a stray.
  const isQuoteMarker = (position: number) => {
    const lineStart = segment.lastIndexOf("\n", position - 1) + 1;
    return (lineStart > 0 || startsLine) && /^[ \t>]*$/.test(segment.slice(lineStart, position));
  };
  const escapeStrays = (from: number, to: number) => {
    let escaped = "";
    for (let position = from; position < to; position++) {
      const character = segment[position] ?? "";
      if (character === "<") escaped += "&lt;";
      else if (character === ">" && !isQuoteMarker(position)) escaped += "&gt;";
      else escaped += character;
    }
    return defuseMentions(escaped);
  };
  let result = "";
  let last = 0;
  for (const match of segment.matchAll(link)) {
    const [target = "", ...label] = (match[1] ?? "").split("|");
    result += escapeStrays(last, match.index);
    result += label.length > 0 ? `<${target}|${defuseMentions(label.join("|"))}>` : `<${target}>`;
    last = match.index + match[0].length;
  }
  return result + escapeStrays(last, segment.length);
}

function defuseCode(content: string): string {
  return defuseBroadcasts(content.replace(/</g, "&lt;").replace(/>/g, "&gt;"));
}

/**
 * Makes model output unable to notify anyone: <!channel>, <!here>, <!everyone>, <!subteam^…>
 * and <@U…> become readable but inert "@\u200Bname" text, plain @channel/@here/@name get a
 * zero-width space after the @, any other <…> is escaped. <url|text> links stay links.
 * Expects mrkdwn (run it after markdownToMrkdwn); safe to run twice.
 */
export function neutralizePings(text: string): string {
  // Innermost first, until nothing changes: "<url|<!here>>" must lose the ping and keep the link.
  let previous: string;
  let current = text;
  do {
    previous = current;
    current = previous.replace(controlSequence, (match, body: string) =>
      isLink.test(body) ? match : inertSequence(body),
    );
  } while (current !== previous);
  return mapCodeAndProse(current, { code: defuseCode, prose: defuseProse });
}
