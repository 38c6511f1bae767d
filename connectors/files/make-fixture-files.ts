import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Document, HeadingLevel, Packer, Paragraph, Table, TableCell, TableRow } from "docx";
import { PDFDocument, StandardFonts } from "pdf-lib";

/*
 * Test fixtures generated on the fly, so no binary files are committed and every test states the
 * text it expects to read back.
 */

/** A fresh folder under the OS temp dir, and a function that removes it. */
export async function makeTempFolder(): Promise<{ path: string; remove: () => Promise<void> }> {
  const path = await mkdtemp(join(tmpdir(), "sabio-files-"));
  return { path, remove: () => rm(path, { recursive: true, force: true }) };
}

/** A PDF whose pages each carry the given lines of text; `lines: []` gives a page with no text layer. */
export async function makePdf(options: { title?: string; pages: string[][] }): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  if (options.title !== undefined) pdf.setTitle(options.title);
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  for (const lines of options.pages) {
    const page = pdf.addPage([595, 842]);
    if (lines.length === 0) page.drawRectangle({ x: 50, y: 50, width: 200, height: 300 }); // "scanned": shapes only
    lines.forEach((line, index) => {
      page.drawText(line, { x: 50, y: 780 - index * 20, size: 12, font });
    });
  }
  return pdf.save();
}

/** A Word document with a level-one heading, a paragraph and a two-column table. */
export async function makeDocx(options: {
  heading: string;
  paragraph: string;
  table: [string, string][];
}): Promise<Uint8Array> {
  const cell = (text: string) => new TableCell({ children: [new Paragraph(text)] });
  const document = new Document({
    sections: [
      {
        children: [
          new Paragraph({ text: options.heading, heading: HeadingLevel.HEADING_1 }),
          new Paragraph(options.paragraph),
          new Table({
            rows: options.table.map(([left, right]) => new TableRow({ children: [cell(left), cell(right)] })),
          }),
        ],
      },
    ],
  });
  return Packer.toBuffer(document);
}

/** Deterministic bytes that are no known format (a PRNG, so failures reproduce). */
export function randomBytes(length: number, seed = 42): Uint8Array {
  const bytes = new Uint8Array(length);
  let state = seed;
  for (let index = 0; index < length; index++) {
    state = (state * 1103515245 + 12345) >>> 0;
    bytes[index] = state >>> 24;
  }
  return bytes;
}
