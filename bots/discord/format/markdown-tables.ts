/*
 * Discord has no tables. A table becomes one line per row, "a · b · c", with the header row in
 * bold, rather than an aligned code block: cells from documents are often long sentences that a
 * code block would turn into a wide scrolling box (worst on phones), and in plain lines the
 * links, citations and emphasis inside cells keep working. A long table then splits at row
 * boundaries like any other lines.
 */

const delimiterCell = /^:?-+:?$/;

function cells(row: string): string[] {
  const inner = row
    .trim()
    .replace(/^\|/, "")
    .replace(/(?<!\\)\|$/, "");
  return inner.split(/(?<!\\)\|/).map((cell) => cell.trim().replace(/\\\|/g, "|"));
}

function isDelimiterRow(line: string, columns: number): boolean {
  if (!line.includes("-")) return false;
  const row = cells(line);
  return row.length === columns && row.every((cell) => delimiterCell.test(cell));
}

function rowLine(row: string[]): string {
  return row.map((cell) => (cell === "" ? "—" : cell)).join(" · ");
}

/** Rewrites GitHub-style Markdown tables (header, delimiter row, rows) into "a · b · c" lines. */
export function tablesToLines(markdown: string): string {
  const lines = markdown.split("\n");
  const result: string[] = [];
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index] ?? "";
    const header = line.includes("|") ? cells(line) : [];
    const next = lines[index + 1];
    if (header.length === 0 || next === undefined || !isDelimiterRow(next, header.length)) {
      result.push(line);
      continue;
    }
    const indent = /^[ \t]*/.exec(line)?.[0] ?? "";
    if (header.some((cell) => cell !== "")) result.push(`${indent}**${rowLine(header)}**`);
    index += 1;
    while (index + 1 < lines.length && (lines[index + 1] ?? "").includes("|")) {
      index += 1;
      result.push(`${indent}${rowLine(cells(lines[index] ?? ""))}`);
    }
  }
  return result.join("\n");
}
