/** A ``` code block as Discord finds it. */
export interface FenceSpan {
  /** Index of the opening backticks. */
  start: number;
  /** First character of the code (after the language line when there is one). */
  contentStart: number;
  /** Index of the closing backticks (the text's length when the block is never closed). */
  contentEnd: number;
  /** First character after the closing backticks. */
  end: number;
  /** "ts" for ```ts; "" without one. */
  language: string;
  closed: boolean;
  /** The opening ``` has its line break: the code itself has started. */
  hasOpeningLine: boolean;
}

const fence = "```";
const language = /^[a-z0-9_+\-.#]*$/i;

/** Like Discord: ``` opens a block anywhere and the next ``` closes it; an unclosed one runs to the end. */
export function fenceSpans(text: string): FenceSpan[] {
  const spans: FenceSpan[] = [];
  let start = text.indexOf(fence);
  while (start !== -1) {
    const afterOpening = start + fence.length;
    const lineEnd = text.indexOf("\n", afterOpening);
    const header = lineEnd === -1 ? "" : text.slice(afterOpening, lineEnd);
    const hasLanguageLine = lineEnd !== -1 && language.test(header);
    const contentStart = hasLanguageLine ? lineEnd + 1 : afterOpening;
    const close = text.indexOf(fence, contentStart);
    const closed = close !== -1;
    const end = closed ? close + fence.length : text.length;
    spans.push({
      start,
      contentStart,
      contentEnd: closed ? close : text.length,
      end,
      language: hasLanguageLine ? header : "",
      closed,
      hasOpeningLine: lineEnd !== -1,
    });
    start = text.indexOf(fence, end);
  }
  return spans;
}

/** Rebuilds the text with everything outside ``` blocks passed through `prose`. */
export function mapProse(text: string, prose: (segment: string) => string): string {
  let result = "";
  let last = 0;
  for (const span of fenceSpans(text)) {
    result += prose(text.slice(last, span.start)) + text.slice(span.start, span.end);
    last = span.end;
  }
  return result + prose(text.slice(last));
}

/**
 * Closes a ``` block left open at the end so the text renders. A block with no code yet is
 * dropped instead (an empty block shows as stray backticks); with `partial` (a draft still
 * being written) so is one whose opening line isn't finished ("```pyth").
 */
export function closeOpenFence(text: string, options: { partial?: boolean } = {}): string {
  const open = fenceSpans(text).find((span) => !span.closed);
  if (!open) return text;
  const code = text.slice(open.contentStart);
  if (code.trim() === "" || (options.partial && !open.hasOpeningLine)) {
    return text.slice(0, open.start).trimEnd();
  }
  return `${text.trimEnd()}\n${fence}`;
}
