import { decodeText } from "./decode-text.ts";
import type { ParseContext, ParsedFile } from "./file-parser.ts";
import { parsedFile } from "./file-parser.ts";

/**
 * Plain text (.txt, .text, .rst): kept as written — prose reads the same as Markdown, and
 * reStructuredText's underlined headings look like Markdown's. No title: a first line is too often
 * not one, so the reader names the document after the file.
 */
export async function parseText(bytes: Uint8Array, _context: ParseContext): Promise<ParsedFile> {
  const content = decodeText(bytes).trim();
  return parsedFile(content, undefined);
}
