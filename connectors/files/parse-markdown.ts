import { decodeText } from "./decode-text.ts";
import type { ParseContext, ParsedFile } from "./file-parser.ts";
import { parsedFile } from "./file-parser.ts";
import { firstHeading, plainTitle } from "./first-heading.ts";
import { transformOutsideCodeFences } from "./outside-code-fences.ts";
import { parseFrontMatter } from "./parse-front-matter.ts";
import { stripTemplateTags } from "./strip-template-tags.ts";

const MDX_MODULE_LINE = /^(?:import|export)\s[^\n]*$/gm;

/**
 * Markdown (.md, .markdown, .mdx): front matter goes to metadata and out of the text; template tags
 * are stripped; MDX `import`/`export` lines are dropped (JSX is kept as text). Title: front matter
 * `title`, else the first `# heading`, else none (the reader falls back to the file name).
 * Unparseable front matter does not fail the file: the body is kept and
 * `metadata.frontMatterError` says what was wrong.
 */
export async function parseMarkdown(bytes: Uint8Array, context: ParseContext): Promise<ParsedFile> {
  const frontMatter = parseFrontMatter(decodeText(bytes));
  let content = stripTemplateTags(frontMatter.body);
  if (context.relativePath.toLowerCase().endsWith(".mdx")) {
    content = transformOutsideCodeFences(content, (prose) => prose.replace(MDX_MODULE_LINE, ""));
  }
  const metadata = frontMatter.error
    ? { ...frontMatter.data, frontMatterError: frontMatter.error }
    : frontMatter.data;
  const title = frontMatterTitle(frontMatter.data) ?? firstHeading(content);
  return parsedFile(content.trim(), title, metadata);
}

function frontMatterTitle(data: Record<string, unknown>): string | undefined {
  const title = data.title;
  if (typeof title === "string") return plainTitle(title);
  if (typeof title === "number") return String(title);
  return undefined;
}
