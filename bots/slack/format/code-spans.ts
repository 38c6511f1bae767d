/** A stretch of mrkdwn that Slack shows verbatim: a ``` block or a `span`. */
export interface CodeSpan {
  kind: "fence" | "inline";
  /** Index of the opening backticks. */
  start: number;
  /** First character after the opening backticks. */
  contentStart: number;
  /** Index of the closing backticks (the text's length when the block is never closed). */
  contentEnd: number;
  /** First character after the closing backticks. */
  end: number;
}

const fence = "```";

/**
 * Finds code the way Slack's renderer does: ``` opens a block anywhere and the next ``` closes it
 * (an unclosed block runs to the end); a single backtick pairs with the next one on the same line.
 */
export function codeSpans(text: string): CodeSpan[] {
  const spans: CodeSpan[] = [];
  let index = text.indexOf("`");
  while (index !== -1) {
    if (text.startsWith(fence, index)) {
      const close = text.indexOf(fence, index + fence.length);
      const contentEnd = close === -1 ? text.length : close;
      const end = close === -1 ? text.length : close + fence.length;
      spans.push({ kind: "fence", start: index, contentStart: index + fence.length, contentEnd, end });
      index = text.indexOf("`", end);
      continue;
    }
    const close = text.indexOf("`", index + 1);
    const lineEnd = text.indexOf("\n", index + 1);
    const closesOnLine = close > index + 1 && (lineEnd === -1 || close < lineEnd);
    if (closesOnLine && !text.startsWith(fence, close)) {
      spans.push({
        kind: "inline",
        start: index,
        contentStart: index + 1,
        contentEnd: close,
        end: close + 1,
      });
      index = text.indexOf("`", close + 1);
    } else {
      index = text.indexOf("`", index + 1);
    }
  }
  return spans;
}

/** Rebuilds the text, passing code contents and everything else through separate functions. */
export function mapCodeAndProse(
  text: string,
  maps: { code: (content: string) => string; prose: (segment: string, startsLine: boolean) => string },
): string {
  const startsLine = (index: number) => index === 0 || text[index - 1] === "\n";
  let result = "";
  let last = 0;
  for (const span of codeSpans(text)) {
    result += maps.prose(text.slice(last, span.start), startsLine(last));
    result += text.slice(span.start, span.contentStart);
    result += maps.code(text.slice(span.contentStart, span.contentEnd));
    result += text.slice(span.contentEnd, span.end);
    last = span.end;
  }
  return result + maps.prose(text.slice(last), startsLine(last));
}
