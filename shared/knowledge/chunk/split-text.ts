import { estimateTokens } from "./estimate-tokens.ts";
import { packPieces } from "./pack-pieces.ts";

/** Boundaries tried in order, each only inside the parts the previous one left too long. */
const boundaries: { pattern: RegExp; separator: string }[] = [
  { pattern: /\n[ \t]*\n\s*/, separator: "\n\n" },
  // After ., !, ? or … (and any closing quotes or brackets), before the next sentence.
  { pattern: /(?<=[.!?…]["'”’»)\]]*)\s+|(?<=[。！？])/u, separator: " " },
  { pattern: /\s*\n\s*/, separator: "\n" },
  { pattern: /\s+/, separator: " " },
];

/**
 * Splits text into pieces within the budget: at blank lines, then sentence ends, then line breaks,
 * then spaces; a single word longer than the budget (a 5 MB line with no spaces) is cut by length.
 */
export function splitText(text: string, budget: number): string[] {
  return splitAt(text, budget, 0);
}

function splitAt(text: string, budget: number, level: number): string[] {
  if (estimateTokens(text) <= budget) return [text];
  const boundary = boundaries[level];
  if (boundary === undefined) return cutByLength(text, budget);
  const parts = text.split(boundary.pattern).filter((part) => part.length > 0);
  if (parts.length <= 1) return splitAt(text, budget, level + 1);
  const pieces = parts.flatMap((part) => splitAt(part, budget, level + 1));
  return packPieces(pieces, budget, boundary.separator);
}

/** Cuts a text with no usable boundary into pieces within the budget, never inside a surrogate pair. */
export function cutByLength(text: string, budget: number): string[] {
  const pieces: string[] = [];
  let start = 0;
  let cost = 0;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    const charCost = code >= 0x2e80 ? 1 : 0.25;
    // Word count adds at most 1.3 tokens per piece: keep that much room.
    if (cost + charCost > budget - 2 && index > start && !(code >= 0xdc00 && code < 0xe000)) {
      pieces.push(text.slice(start, index));
      start = index;
      cost = 0;
    }
    cost += charCost;
  }
  if (start < text.length) pieces.push(text.slice(start));
  return pieces;
}
