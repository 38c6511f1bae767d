import { decodeText } from "./decode-text.ts";
import type { ParseContext, ParsedFile } from "./file-parser.ts";
import { parsedFile } from "./file-parser.ts";
import { firstHeading, plainTitle } from "./first-heading.ts";
import { htmlToMarkdown } from "./html-to-markdown.ts";
import { stripTemplateTags } from "./strip-template-tags.ts";

const TITLE = /<title[^>]*>([\s\S]*?)<\/title>/i;

/**
 * HTML (.html, .htm) → Markdown; scripts, styles and the head are dropped, template tags stripped
 * (wiki exports are often Jekyll sources). Title: `<title>`, else the first `<h1>`.
 */
export async function parseHtml(bytes: Uint8Array, _context: ParseContext): Promise<ParsedFile> {
  const html = stripTemplateTags(decodeText(bytes));
  const content = htmlToMarkdown(html);
  const title = documentTitle(html) ?? firstHeading(content);
  return parsedFile(content, title);
}

function documentTitle(html: string): string | undefined {
  const inner = TITLE.exec(html)?.[1];
  // Through the converter so every entity is decoded ("Canci&oacute;n"), then back to plain text.
  return inner === undefined ? undefined : plainTitle(htmlToMarkdown(inner));
}
