import mammoth from "mammoth";
import { corruptFileError } from "./corrupt-file-error.ts";
import type { ParseContext, ParsedFile } from "./file-parser.ts";
import { parsedFile } from "./file-parser.ts";
import { firstHeading } from "./first-heading.ts";
import { htmlToMarkdown } from "./html-to-markdown.ts";

const OPTIONS = {
  // Word's "Title" style is the document title; mammoth otherwise renders it as a plain paragraph.
  styleMap: ["p[style-name='Title'] => h1:fresh"],
  ignoreEmptyParagraphs: true,
  // Images would be base64-encoded into the HTML only to be dropped: skip the work.
  convertImage: mammoth.images.imgElement(async () => ({ src: "" })),
};

/**
 * DOCX → HTML (mammoth) → Markdown, so headings and tables survive for chunking. Title: the first
 * level-one heading. A file that is not a Word document fails as corrupt.
 */
export async function parseDocx(bytes: Uint8Array, _context: ParseContext): Promise<ParsedFile> {
  let html: string;
  try {
    const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    html = (await mammoth.convertToHtml({ buffer }, OPTIONS)).value;
  } catch (error) {
    throw corruptFileError("DOCX", bytes, error);
  }
  const content = htmlToMarkdown(html);
  return parsedFile(content, firstHeading(content));
}
