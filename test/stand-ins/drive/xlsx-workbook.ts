import ExcelJS from "exceljs";
import type { SheetSpec } from "./drive-file.ts";

/** A real .xlsx with one worksheet per sheet, as a Sheets export to XLSX gives. */
export async function xlsxWorkbook(sheets: SheetSpec[]): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  for (const sheet of sheets) {
    const worksheet = workbook.addWorksheet(sheet.title);
    for (const row of sheet.rows) worksheet.addRow(row);
  }
  const buffer = await workbook.xlsx.writeBuffer();
  return new Uint8Array(buffer as unknown as ArrayBuffer);
}
