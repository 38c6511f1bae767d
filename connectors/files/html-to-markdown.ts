import { NodeHtmlMarkdown } from "node-html-markdown";

// One converter for the process: building it compiles the translator tables.
// script, style and head are ignored by default; these carry no readable text either.
const converter = new NodeHtmlMarkdown({
  ignore: ["noscript", "template", "svg", "canvas", "iframe", "button"],
  bulletMarker: "-",
  maxConsecutiveNewlines: 2,
});

/** HTML → Markdown keeping headings, lists, links and tables (what chunking and citations use). */
export function htmlToMarkdown(html: string): string {
  return converter.translate(html).trim();
}
