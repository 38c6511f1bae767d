import { type CodeSpan, codeSpans } from "./code-spans.ts";

const fence = "```";
const closingFence = `\n${fence}`;
const openingFence = `${fence}\n`;
const graphemes = new Intl.Segmenter(undefined, { granularity: "grapheme" });

interface Cut {
  at: number;
  /** The cut falls inside a ``` block: close it here and reopen it in the next piece. */
  inFence: boolean;
  /** Cut inside a line: the next piece drops the leading spaces. */
  midLine: boolean;
}

/** The part of a piece that decides where to cut: code, links and entities that must stay whole. */
class Window {
  readonly text: string;
  readonly maxChars: number;
  readonly fences: (CodeSpan & { firstCode: number; lastCode: number })[];
  readonly wholes: { start: number; end: number }[];
  /** Where the first visible character is: cutting before it would leave an empty piece. */
  readonly firstContent: number;

  constructor(text: string, maxChars: number) {
    // Twice the limit is enough to see whether a block opened in the window closes soon after.
    this.text = text.slice(0, maxChars * 2);
    this.maxChars = maxChars;
    const spans = codeSpans(this.text);
    this.firstContent = this.text.search(/\S/);
    // Where each block's code begins and ends, so a cut can check that both halves keep some.
    this.fences = spans
      .filter((span) => span.kind === "fence")
      .map((span) => {
        const code = this.text.slice(span.contentStart, span.contentEnd);
        const firstCode = span.contentStart + code.search(/\S/);
        return { ...span, firstCode, lastCode: span.contentStart + code.trimEnd().length - 1 };
      });
    this.wholes = spans.filter((span) => span.kind === "inline");
    for (const match of this.text.matchAll(/<[^<>\n]*>|&(?:[a-zA-Z]+|#\d+);/g)) {
      if (!this.fences.some((span) => span.start < match.index && match.index < span.end)) {
        this.wholes.push({ start: match.index, end: match.index + match[0].length });
      }
    }
  }

  /** Whether cutting before `at` is allowed, and whether it lands inside a code block. */
  classify(at: number, keepWholes: boolean): { inFence: boolean } | undefined {
    if (at <= this.firstContent) return undefined;
    const block = this.fences.find((span) => span.start < at && at < span.end);
    if (block) {
      // Both halves must keep some code, and the piece must leave room for the closing fence.
      const splitsCode =
        block.firstCode >= block.contentStart && block.firstCode < at && at <= block.lastCode;
      const fits = at + closingFence.length <= this.maxChars;
      return splitsCode && fits ? { inFence: true } : undefined;
    }
    if (at > this.maxChars) return undefined;
    if (keepWholes && this.wholes.some((whole) => whole.start < at && at < whole.end)) return undefined;
    return { inFence: false };
  }

  /** The furthest allowed cut among candidate positions, with ``` blocks optionally off-limits. */
  furthest(positions: number[], options: { intoFences: boolean; midLine: boolean }): Cut | undefined {
    for (let index = positions.length - 1; index >= 0; index--) {
      const at = positions[index] ?? 0;
      const verdict = this.classify(at, true);
      if (verdict && (options.intoFences || !verdict.inFence)) {
        return { at, inFence: verdict.inFence, midLine: options.midLine };
      }
    }
    return undefined;
  }

  positions(pattern: RegExp, offset: (match: RegExpMatchArray) => number): number[] {
    const limit = this.maxChars;
    return [...this.text.matchAll(pattern)].map(offset).filter((at) => at <= limit);
  }

  /**
   * Last resort: as far as possible on a character (grapheme) boundary. A link, entity or code
   * span is only broken when keeping it whole would waste more than half a piece.
   */
  hardCut(): Cut {
    let keepingWholes: Cut | undefined;
    let furthest: Cut | undefined;
    for (const { index } of graphemes.segment(this.text.slice(0, this.maxChars + 1))) {
      const whole = this.classify(index, true);
      const any = whole ?? this.classify(index, false);
      if (whole) keepingWholes = { at: index, inFence: whole.inFence, midLine: true };
      if (any) furthest = { at: index, inFence: any.inFence, midLine: true };
    }
    if (keepingWholes && (!furthest || keepingWholes.at >= furthest.at - this.maxChars / 2)) {
      return keepingWholes;
    }
    return furthest ?? { at: this.maxChars - closingFence.length, inFence: false, midLine: true };
  }
}

function chooseCut(text: string, maxChars: number): Cut {
  const window = new Window(text, maxChars);
  const atMatch = (match: RegExpMatchArray) => match.index ?? 0;
  const afterMatch = (match: RegExpMatchArray) => (match.index ?? 0) + match[0].length;
  const levels = [
    () => window.furthest(window.positions(/\n[ \t]*\n/g, atMatch), { intoFences: false, midLine: false }),
    () => window.furthest(window.positions(/\n/g, atMatch), { intoFences: true, midLine: false }),
    () =>
      window.furthest(window.positions(/[.!?…。][)"'’”\]]*(?=\s)/g, afterMatch), {
        intoFences: false,
        midLine: true,
      }),
    () => window.furthest(window.positions(/[ \t]/g, atMatch), { intoFences: true, midLine: true }),
  ];
  // A boundary in the first third would leave a stub: try a finer boundary further on first.
  const minimumFill = Math.floor(maxChars / 3);
  let fallback: Cut | undefined;
  for (const level of levels) {
    const cut = level();
    if (cut && cut.at >= minimumFill) return cut;
    fallback ??= cut;
  }
  return fallback ?? window.hardCut();
}

/**
 * Splits mrkdwn into pieces of at most `maxChars`, at paragraph breaks, else line breaks, else
 * sentence ends, else spaces. A ``` block too long for one piece is closed at the cut and
 * reopened in the next piece, so every piece renders on its own. No piece is empty.
 */
export function splitMessage(text: string, maxChars = 2900): string[] {
  if (maxChars < 20) throw new RangeError(`maxChars must be at least 20, got ${maxChars}`);
  const pieces: string[] = [];
  let rest = text.replace(/^(?:[ \t]*\n)+/, "").trimEnd();
  while (rest.trim() !== "") {
    if (rest.length <= maxChars) {
      pieces.push(rest);
      break;
    }
    const cut = chooseCut(rest, maxChars);
    const head = rest.slice(0, cut.at).trimEnd();
    pieces.push(cut.inFence ? `${head}${closingFence}` : head);
    const tail = rest.slice(cut.at);
    if (cut.inFence) {
      rest = `${openingFence}${tail.replace(/^\n/, "")}`;
    } else {
      const nextLine = tail.replace(/^(?:[ \t]*\n)+/, "");
      rest = cut.midLine ? nextLine.trimStart() : nextLine;
    }
  }
  return pieces;
}
