import { describe, expect, it } from "vitest";
import {
  block,
  bullet,
  node,
  numbered,
  paragraph,
  text,
  unknownBlock,
} from "#test/fixtures/notion-fixtures.ts";
import { blocksToMarkdown } from "./blocks-to-markdown.ts";

const rich = (content: string) => [text(content)];
const markdown = (...nodes: ReturnType<typeof node>[]) => blocksToMarkdown({ blocks: nodes });

describe("blocksToMarkdown", () => {
  it("renders paragraphs and headings, keeping a toggleable heading's children", () => {
    expect(
      markdown(
        node(block("heading_1", { rich_text: rich("Title"), color: "default", is_toggleable: false })),
        node(paragraph(text("Intro"))),
        node(block("heading_2", { rich_text: rich("Sub"), color: "default", is_toggleable: true }), [
          node(paragraph(text("Hidden"))),
        ]),
        node(block("heading_3", { rich_text: rich("Small"), color: "default", is_toggleable: false })),
      ),
    ).toBe("# Title\n\nIntro\n\n## Sub\n\nHidden\n\n### Small");
  });

  it("nests bulleted and numbered lists and numbers them", () => {
    expect(
      markdown(
        node(bullet("one"), [node(bullet("one.a")), node(bullet("one.b"), [node(numbered("deep"))])]),
        node(bullet("two")),
        node(numbered("first"), [node(numbered("inner"))]),
        node(numbered("second")),
        node(paragraph(text("break"))),
        node(numbered("again")),
      ),
    ).toBe(
      [
        "- one",
        "  - one.a",
        "  - one.b",
        "    1. deep",
        "- two",
        "1. first",
        "   1. inner",
        "2. second",
        "",
        "break",
        "",
        "1. again",
      ].join("\n"),
    );
  });

  it("renders to-dos, toggles, quotes and callouts", () => {
    expect(
      markdown(
        node(block("to_do", { rich_text: rich("open"), color: "default", checked: false })),
        node(block("to_do", { rich_text: rich("done"), color: "default", checked: true })),
        node(block("toggle", { rich_text: rich("Details"), color: "default" }), [
          node(paragraph(text("inside"))),
        ]),
        node(block("quote", { rich_text: rich("Said"), color: "default" })),
        node(
          block("callout", {
            rich_text: rich("Careful"),
            color: "default",
            icon: { type: "emoji", emoji: "💡" },
          }),
          [node(paragraph(text("more")))],
        ),
      ),
    ).toBe("- [ ] open\n- [x] done\n- Details\n  inside\n\n> Said\n\n> 💡 Careful\n>\n> more");
  });

  it("renders code, equations, dividers and links", () => {
    expect(
      markdown(
        node(block("code", { rich_text: rich("const a = 1;"), caption: [], language: "typescript" })),
        node(block("code", { rich_text: rich("x ``` y"), caption: rich("Odd"), language: "plain text" })),
        node(block("equation", { expression: "E = mc^2" })),
        node(block("divider", {})),
        node(block("bookmark", { url: "https://example.com", caption: rich("Example") })),
        node(block("embed", { url: "https://example.com/e", caption: [] })),
        node(block("link_preview", { url: "https://github.com/x" })),
      ),
    ).toBe(
      [
        "```typescript\nconst a = 1;\n```",
        "````text\nx ``` y\n````\n\nOdd",
        "$$\nE = mc^2\n$$",
        "---",
        "[Example](https://example.com)",
        "[https://example.com/e](https://example.com/e)",
        "[https://github.com/x](https://github.com/x)",
      ].join("\n\n"),
    );
  });

  it("renders a table with a header row and escaped pipes", () => {
    const row = (...cells: string[]) => node(block("table_row", { cells: cells.map(rich) }));
    const table = (hasHeader: boolean) =>
      node(block("table", { has_column_header: hasHeader, has_row_header: false, table_width: 2 }), [
        row("Name", "Value"),
        row("a|b", "line\nbreak"),
      ]);
    expect(markdown(table(true))).toBe("| Name | Value |\n| --- | --- |\n| a\\|b | line break |");
    expect(markdown(table(false))).toBe("|  |  |\n| --- | --- |\n| Name | Value |\n| a\\|b | line break |");
  });

  it("names media by caption or file name, never by signed URL", () => {
    const signed =
      "https://prod-files-secure.s3.us-west-2.amazonaws.com/ws/abc/diagram.png?X-Amz-Signature=123";
    expect(
      markdown(
        node(
          block("image", {
            type: "file",
            file: { url: signed, expiry_time: "2026-01-05T11:00:00.000Z" },
            caption: [],
          }),
        ),
        node(
          block("image", {
            type: "external",
            external: { url: "https://x.io/a.png" },
            caption: rich("Architecture"),
          }),
        ),
        node(
          block("file", {
            type: "file",
            file: { url: signed, expiry_time: "2026-01-05T11:00:00.000Z" },
            caption: [],
            name: "budget.xlsx",
          }),
        ),
        node(
          block("pdf", {
            type: "external",
            external: { url: "https://x.io/docs/Report%202026.pdf" },
            caption: [],
          }),
        ),
        node(block("video", { type: "external", external: { url: "https://youtu.be/xyz" }, caption: [] })),
      ),
    ).toBe(
      "Image: diagram.png\n\nImage: Architecture\n\nFile: budget.xlsx\n\nPDF: Report 2026.pdf\n\nVideo: xyz",
    );
  });

  it("flattens columns and synced blocks and mentions child pages", () => {
    expect(
      markdown(
        node(block("column_list", {}), [
          node(block("column", {}), [node(paragraph(text("left")))]),
          node(block("column", {}), [node(paragraph(text("right")))]),
        ]),
        node(block("synced_block", { synced_from: { type: "block_id", block_id: "orig" } }), [
          node(paragraph(text("shared"))),
        ]),
        node(block("child_page", { title: "Runbook" })),
        node(block("child_database", { title: "Tasks" })),
      ),
    ).toBe("left\n\nright\n\nshared\n\nSubpage: Runbook\n\nDatabase: Tasks");
  });

  it("skips breadcrumbs, tables of contents, unsupported and AI blocks without failing", () => {
    expect(
      markdown(
        node(block("breadcrumb", {})),
        node(block("table_of_contents", { color: "default" })),
        node(block("unsupported", { block_type: "form" })),
        node(unknownBlock("ai_block"), [node(paragraph(text("not shown")))]),
        node(unknownBlock("future_block"), [node(paragraph(text("kept")))]),
        node(paragraph(text("after"))),
      ),
    ).toBe("kept\n\nafter");
  });
});
