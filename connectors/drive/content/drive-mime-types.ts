import type { FileParser } from "#connectors/files/file-parser.ts";
import { parseDocx } from "#connectors/files/parse-docx.ts";
import { parseHtml } from "#connectors/files/parse-html.ts";
import { parseMarkdown } from "#connectors/files/parse-markdown.ts";
import { parsePdf } from "#connectors/files/parse-pdf.ts";
import { parseText } from "#connectors/files/parse-text.ts";
import { parserForPath } from "#connectors/files/parser-for-path.ts";

export const googleMimeTypes = {
  doc: "application/vnd.google-apps.document",
  sheet: "application/vnd.google-apps.spreadsheet",
  slides: "application/vnd.google-apps.presentation",
  folder: "application/vnd.google-apps.folder",
  shortcut: "application/vnd.google-apps.shortcut",
} as const;

export const xlsxMimeType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** Files downloaded and parsed by the spine's parsers, by the MIME type Drive gives them. */
const downloadParsers = new Map<string, FileParser>([
  ["application/pdf", parsePdf],
  ["application/vnd.openxmlformats-officedocument.wordprocessingml.document", parseDocx],
  ["text/markdown", parseMarkdown],
  ["text/x-markdown", parseMarkdown],
  ["text/html", parseHtml],
  ["text/plain", parseText],
]);

/** Types Drive gives files it does not recognise: the name's extension decides then. */
const vagueTypes = new Set(["application/octet-stream", "text/plain", "binary/octet-stream"]);

/**
 * The parser for a downloaded file: by the name's extension when Drive's type says little (a `.md`
 * uploaded as text/plain or octet-stream is still Markdown), else by the type.
 */
export function parserForDriveFile(mimeType: string, name: string): FileParser | undefined {
  if (vagueTypes.has(mimeType)) return parserForPath(name) ?? downloadParsers.get(mimeType);
  return downloadParsers.get(mimeType);
}
