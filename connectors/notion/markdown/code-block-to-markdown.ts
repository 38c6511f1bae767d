import type { CodeBlockObjectResponse } from "@notionhq/client";
import { richTextToMarkdown, richTextToPlainText } from "./rich-text-to-markdown.ts";

/** Notion language names that are not the usual Markdown info strings. */
const languageAliases: Record<string, string> = {
  "plain text": "text",
  "c++": "cpp",
  "c#": "csharp",
  "f#": "fsharp",
  "java/c/c++/c#": "java",
  "vb.net": "vbnet",
};

/** A fenced code block; the fence is longer than any backtick run in the code. The caption follows. */
export function codeBlockToMarkdown(block: CodeBlockObjectResponse): string {
  const code = richTextToPlainText(block.code.rich_text).replace(/\n$/, "");
  const longest = Math.max(0, ...[...code.matchAll(/`{3,}/g)].map((match) => match[0].length));
  const fence = "`".repeat(Math.max(3, longest + 1));
  const name = block.code.language.toLowerCase();
  const language = languageAliases[name] ?? name.replace(/\s+/g, "-");
  const caption = richTextToMarkdown(block.code.caption).trim();
  const fenced = `${fence}${language}\n${code}\n${fence}`;
  return caption === "" ? fenced : `${fenced}\n\n${caption}`;
}
