import { estimateTokens } from "./estimate-tokens.ts";
import { packPieces } from "./pack-pieces.ts";
import { splitText } from "./split-text.ts";

/**
 * Splits a Markdown table too long for the budget between rows, repeating the header row and its
 * delimiter row at the top of every piece so each one reads as a table. Only a single row longer
 * than the budget is cut (at spaces), and its fragments go without a header.
 */
export function splitTable(raw: string, budget: number): string[] {
  const lines = raw.replace(/\s+$/, "").split("\n");
  const header = lines.slice(0, 2).join("\n");
  const rowBudget = budget - estimateTokens(header) - 1;
  // A header that leaves no room for rows: the table is just text.
  if (rowBudget < budget / 4) return splitText(raw, budget);
  const pieces: string[] = [];
  let rows: string[] = [];
  const flush = () => {
    for (const packed of packPieces(rows, rowBudget, "\n")) pieces.push(`${header}\n${packed}`);
    rows = [];
  };
  for (const row of lines.slice(2)) {
    if (estimateTokens(row) <= rowBudget) rows.push(row);
    else {
      flush();
      pieces.push(...splitText(row, budget));
    }
  }
  flush();
  return pieces;
}
