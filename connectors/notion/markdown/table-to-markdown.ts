import type { TableBlockObjectResponse } from "@notionhq/client";
import type { BlockNode } from "./block-node.ts";
import { richTextToMarkdown } from "./rich-text-to-markdown.ts";

/**
 * A Notion table as a GFM table. The first row is the header when the table has a column header;
 * otherwise the header is left empty so no data row is promoted. Cells are flattened to one line
 * with `|` escaped.
 */
export function tableToMarkdown(table: TableBlockObjectResponse, rows: readonly BlockNode[]): string {
  const cells: string[][] = [];
  for (const { block } of rows) {
    if (block.type === "table_row")
      cells.push(block.table_row.cells.map((cell) => tableCell(richTextToMarkdown(cell))));
  }
  if (cells.length === 0) return "";
  const width = Math.max(table.table.table_width, ...cells.map((row) => row.length));
  const header = table.table.has_column_header ? (cells.shift() ?? []) : [];
  const lines = [tableLine(header, width), tableLine(Array(width).fill("---"), width)];
  for (const row of cells) lines.push(tableLine(row, width));
  return lines.join("\n");
}

function tableCell(markdown: string): string {
  return markdown
    .replace(/\s*\n\s*/g, " ")
    .replace(/\|/g, "\\|")
    .trim();
}

function tableLine(cells: readonly string[], width: number): string {
  const padded = Array.from({ length: width }, (_, index) => cells[index] ?? "");
  return `| ${padded.join(" | ")} |`;
}
