import ExcelJS from "exceljs";

/**
 * An XLSX export (every sheet: CSV would hold only the first) as Markdown: one `## <sheet title>`
 * and one table per sheet, its first row the header. Empty rows and trailing empty columns are
 * dropped, and so are sheets with nothing in them. Throws on bytes that are not a workbook.
 */
export async function sheetsToMarkdown(bytes: Uint8Array): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
  const sections: string[] = [];
  for (const worksheet of workbook.worksheets) {
    const rows = cellTexts(worksheet);
    if (rows.length === 0) continue;
    sections.push(`## ${worksheet.name}\n\n${markdownTable(rows)}`);
  }
  return sections.join("\n\n");
}

function cellTexts(worksheet: ExcelJS.Worksheet): string[][] {
  const rows: string[][] = [];
  worksheet.eachRow({ includeEmpty: false }, (row) => {
    const cells: string[] = [];
    for (let column = 1; column <= worksheet.columnCount; column += 1)
      cells.push(cellText(row.getCell(column)));
    if (cells.some((cell) => cell !== "")) rows.push(cells);
  });
  const width = Math.max(0, ...rows.map((cells) => cells.findLastIndex((cell) => cell !== "") + 1));
  return rows.map((cells) => cells.slice(0, width));
}

/** What the cell shows: formulas as their result, rich text and links as their text. */
function cellText(cell: ExcelJS.Cell): string {
  let text: string;
  try {
    text = cell.text ?? "";
  } catch {
    text = String(cell.value ?? "");
  }
  return text.replace(/\r?\n/g, " ").replaceAll("|", "\\|").trim();
}

function markdownTable(rows: string[][]): string {
  const [header = [], ...body] = rows;
  const line = (cells: string[]) => `| ${cells.join(" | ")} |`;
  return [line(header), line(header.map(() => "---")), ...body.map(line)].join("\n");
}
