import { getDefaults, Lexer, type Token, type Tokens } from "marked";

export interface SectionHeading {
  depth: number;
  text: string;
}

/** The blocks under one heading, up to the next heading of any level. */
export interface MarkdownSection {
  /** The path of headings down to this section's own, outermost first. */
  headings: SectionHeading[];
  blocks: Token[];
}

/**
 * Splits Markdown into sections at its headings, using marked's block lexer (the inline pass is
 * skipped: the chunker keeps each block's raw Markdown and needs only the block structure). A section
 * without blocks (a heading right above a subheading) is dropped: its heading lives on in the paths.
 */
export function markdownSections(markdown: string): MarkdownSection[] {
  const sections: MarkdownSection[] = [];
  let current: MarkdownSection = { headings: [], blocks: [] };
  for (const token of lexBlocks(markdown)) {
    if (token.type === "heading") {
      if (current.blocks.length > 0) sections.push(current);
      const { depth, text } = token as Tokens.Heading;
      const outer = current.headings.filter((heading) => heading.depth < depth);
      const plain = plainHeading(text);
      current = { headings: plain === "" ? outer : [...outer, { depth, text: plain }], blocks: [] };
    } else if (token.type !== "space") current.blocks.push(token);
  }
  if (current.blocks.length > 0) sections.push(current);
  return sections;
}

function lexBlocks(markdown: string): Token[] {
  const source = markdown.replace(/\r\n?/g, "\n");
  try {
    return new Lexer({ ...getDefaults(), silent: false }).blockTokens(source, []);
  } catch {
    // marked gives up on input it can't make progress on: keep the text as one plain block.
    return [{ type: "paragraph", raw: source, text: source, tokens: [] } satisfies Tokens.Paragraph];
  }
}

/** A heading's text without inline Markdown: "**Per diem** [rates](x.md) {#rates}" → "Per diem rates". */
function plainHeading(text: string): string {
  return text
    .replace(/\s*\{#[^}]*\}\s*$/, "")
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/<[^>]+>/g, "")
    .replace(/(\*{1,3}|_{1,3}|~~|`+)(\S(?:.*?\S)?)\1/g, "$2")
    .replace(/\s+/g, " ")
    .trim();
}
