import { estimateTokens } from "./estimate-tokens.ts";
import { packPieces } from "./pack-pieces.ts";
import { splitText } from "./split-text.ts";

const openingFence = /^ {0,3}(`{3,}|~{3,})/;

/**
 * Splits a code block too long for the budget between lines; each piece of a fenced block is fenced
 * again (same opening line, language included), so every chunk holds valid, complete code blocks.
 * Only a single line longer than the budget is cut, at spaces if it has any.
 */
export function splitCode(raw: string, budget: number): string[] {
  const lines = raw.replace(/\s+$/, "").split("\n");
  const opening = lines[0] ?? "";
  const fence = openingFence.exec(opening)?.[1];
  if (fence === undefined) return packLines(lines, budget);
  const last = lines.at(-1) ?? "";
  const closed = lines.length > 1 && isClosingFence(last, fence);
  // An unclosed fence runs to the end of the document: close it in every piece.
  const closing = closed ? last : fence;
  const body = lines.slice(1, closed ? -1 : undefined);
  const innerBudget = Math.max(budget - estimateTokens(opening) - estimateTokens(closing) - 2, 8);
  return packLines(body, innerBudget).map((piece) => `${opening}\n${piece}\n${closing}`);
}

function isClosingFence(line: string, fence: string): boolean {
  const trimmed = line.trim();
  return trimmed.length >= fence.length && trimmed === (fence[0] ?? "").repeat(trimmed.length);
}

function packLines(lines: string[], budget: number): string[] {
  const pieces = lines.flatMap((line) => (estimateTokens(line) <= budget ? [line] : splitText(line, budget)));
  return packPieces(pieces, budget, "\n");
}
