import { marked } from "marked";
import type { FileContent, SheetSpec } from "./drive-file.ts";
import { googleTypes } from "./drive-file.ts";
import { xlsxWorkbook } from "./xlsx-workbook.ts";

export interface ExportedContent {
  bytes: Uint8Array;
  contentType: string;
}
type Exporter = (content: FileContent) => Promise<ExportedContent>;

const xlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const utf8 = (text: string, contentType: string): ExportedContent => ({
  bytes: new TextEncoder().encode(text),
  contentType,
});
/** Google's plain-text exports of Docs begin with a UTF-8 byte order mark. */
const withBom = (text: string) => `\uFEFF${text}`;

const markdownOf = (content: FileContent) => (content.kind === "doc" ? content.markdown : "");
const sheetsOf = (content: FileContent): SheetSpec[] => (content.kind === "sheet" ? content.sheets : []);

/** Roughly what Docs' text/plain export shows of a document: its words without Markdown marks. */
export function plainText(markdown: string): string {
  return markdown
    .replace(/!\[[^\]]*\]\([^)]*\)/g, "")
    .replace(/\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/^#{1,6}\s+/gm, "")
    .replace(/^(\s*)[-+]\s+/gm, "$1* ")
    .replace(/(\*\*|__|`)/g, "")
    .replace(/\r?\n/g, "\r\n");
}

function csvField(cell: unknown): string {
  const text = cell === null || cell === undefined ? "" : String(cell);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}
/** CSV and TSV exports hold the first sheet only, as Google's do. */
function delimited(content: FileContent, separator: string): string {
  const first = sheetsOf(content)[0];
  return (first?.rows ?? [])
    .map((row) =>
      row.map((cell) => (separator === "," ? csvField(cell) : String(cell ?? ""))).join(separator),
    )
    .join("\r\n");
}

/** Per Google type, the export MIME types the stand-in serves (others: 400 as Drive answers). */
export const exportFormats: Record<string, Record<string, Exporter>> = {
  [googleTypes.doc]: {
    "text/markdown": async (content) => utf8(markdownOf(content), "text/markdown"),
    "text/plain": async (content) => utf8(withBom(plainText(markdownOf(content))), "text/plain"),
    "text/html": async (content) =>
      utf8(`<html><body>${await marked.parse(markdownOf(content))}</body></html>`, "text/html"),
  },
  [googleTypes.sheet]: {
    [xlsxType]: async (content) => ({ bytes: await xlsxWorkbook(sheetsOf(content)), contentType: xlsxType }),
    "text/csv": async (content) => utf8(delimited(content, ","), "text/csv"),
    "text/tab-separated-values": async (content) =>
      utf8(delimited(content, "\t"), "text/tab-separated-values"),
  },
  [googleTypes.slides]: {
    "text/plain": async (content) =>
      utf8(content.kind === "slides" ? content.slides.join("\r\n\r\n") : "", "text/plain"),
  },
};
