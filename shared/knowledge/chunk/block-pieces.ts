import type { Token, Tokens } from "marked";
import { estimateTokens } from "./estimate-tokens.ts";
import { packPieces } from "./pack-pieces.ts";
import { splitCode } from "./split-code.ts";
import { splitTable } from "./split-table.ts";
import { splitText } from "./split-text.ts";

/**
 * A Markdown block as pieces of raw Markdown, each within the budget: the whole block when it fits;
 * otherwise split where the block's own structure allows (code between lines, tables between rows,
 * lists between items, prose between sentences). Blocks with nothing to retrieve give nothing.
 */
export function blockPieces(token: Token, budget: number): string[] {
  switch (token.type) {
    case "space":
    case "hr":
    case "def":
      return [];
    case "html": {
      const html = tidy(token.raw.replace(/<!--[\s\S]*?(?:-->|$)/g, ""));
      return html === "" ? [] : wholeOrSplit(html, budget, splitText);
    }
    case "code":
      return wholeOrSplit(tidy(token.raw), budget, splitCode);
    case "table":
      return wholeOrSplit(tidy(token.raw), budget, splitTable);
    case "list":
      return fitWhole(token, budget) ?? listPieces(token as Tokens.List, budget);
    case "blockquote":
      return fitWhole(token, budget) ?? childPieces((token as Tokens.Blockquote).tokens, budget);
    default: {
      const text = tidy(token.raw);
      return text === "" ? [] : wholeOrSplit(text, budget, splitText);
    }
  }
}

function listPieces(list: Tokens.List, budget: number): string[] {
  const items = list.items.flatMap((item) => fitWhole(item, budget) ?? childPieces(item.tokens, budget));
  return packPieces(items, budget, "\n");
}

function childPieces(tokens: Token[], budget: number): string[] {
  return tokens.flatMap((child) => blockPieces(child, budget));
}

function fitWhole(token: Token, budget: number): string[] | undefined {
  const text = tidy(token.raw);
  return estimateTokens(text) <= budget ? [text] : undefined;
}

function wholeOrSplit(
  text: string,
  budget: number,
  split: (text: string, budget: number) => string[],
): string[] {
  return estimateTokens(text) <= budget ? [text] : split(text, budget);
}

/** Blank lines before and whitespace after a block are not part of it (leading indentation is). */
function tidy(raw: string): string {
  return raw.replace(/^(?:[ \t]*\n)+/, "").trimEnd();
}
