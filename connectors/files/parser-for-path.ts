import { posix } from "node:path";
import type { FileParser } from "./file-parser.ts";
import { parseDocx } from "./parse-docx.ts";
import { parseHtml } from "./parse-html.ts";
import { parseMarkdown } from "./parse-markdown.ts";
import { parsePdf } from "./parse-pdf.ts";
import { parseText } from "./parse-text.ts";

/** Extension (lower case, with the dot) → parser. Anything else is skipped and reported. */
const PARSERS = new Map<string, FileParser>([
  [".md", parseMarkdown],
  [".markdown", parseMarkdown],
  [".mdx", parseMarkdown],
  [".txt", parseText],
  [".text", parseText],
  [".rst", parseText],
  [".html", parseHtml],
  [".htm", parseHtml],
  [".pdf", parsePdf],
  [".docx", parseDocx],
]);

export const supportedExtensions: readonly string[] = [...PARSERS.keys()];

/** The parser for a file, chosen by extension (case-insensitive), or undefined if unsupported. */
export function parserForPath(relativePath: string): FileParser | undefined {
  return PARSERS.get(fileExtension(relativePath));
}

/** ".png" for "a/b.PNG"; "" when there is none. */
export function fileExtension(relativePath: string): string {
  return posix.extname(relativePath).toLowerCase();
}
