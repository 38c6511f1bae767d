import { maxDiscordContent } from "./discord-message-part.ts";
import { closeOpenFence, fenceSpans } from "./fence-spans.ts";
import { fenceUnits } from "./fence-units.ts";
import type { MessageUnit } from "./message-unit.ts";
import { packMessages } from "./pack-messages.ts";
import { proseUnits } from "./prose-units.ts";

// Whitespace holding a blank line: a paragraph boundary.
const paragraphBreak = /\s*\n[ \t]*\n\s*|^\s+|\s+$/g;

/** Paragraphs and ``` blocks in order, each cut into units of at most `maxChars`. */
function units(text: string, maxChars: number): MessageUnit[] {
  const result: MessageUnit[] = [];
  let separator = "";
  const addProse = (segment: string) => {
    let last = 0;
    for (const match of segment.matchAll(paragraphBreak)) {
      const block = segment.slice(last, match.index);
      if (block !== "") {
        result.push(...proseUnits(block, separator, maxChars));
        separator = "";
      }
      separator += match[0];
      last = match.index + match[0].length;
    }
    const block = segment.slice(last);
    if (block !== "") {
      result.push(...proseUnits(block, separator, maxChars));
      separator = "";
    }
  };
  let last = 0;
  for (const span of fenceSpans(text)) {
    addProse(text.slice(last, span.start));
    const block = text.slice(span.start, span.end);
    result.push(
      ...(block.length <= maxChars
        ? [{ text: block, separator }]
        : fenceUnits(text, span, separator, maxChars)),
    );
    separator = "";
    last = span.end;
  }
  addProse(text.slice(last));
  return result;
}

/**
 * Splits Discord Markdown into messages of at most `maxChars` characters: between paragraphs
 * and ``` blocks when it can, else between lines, sentences, words. Never inside a ``` block:
 * one too long for a message becomes several, each closed and reopened with its language, so
 * every message renders on its own. An unclosed block at the end is closed. No message is empty.
 */
export function splitDiscordMessage(text: string, maxChars: number = maxDiscordContent): string[] {
  if (maxChars < 40) throw new RangeError(`maxChars must be at least 40, got ${maxChars}`);
  return packMessages(units(closeOpenFence(text), maxChars), maxChars);
}
