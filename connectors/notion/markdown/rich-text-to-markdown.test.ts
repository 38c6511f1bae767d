import { describe, expect, it } from "vitest";
import { inlineEquation, pageMention, text, userMention } from "#test/fixtures/notion-fixtures.ts";
import { richTextToMarkdown } from "./rich-text-to-markdown.ts";

describe("richTextToMarkdown", () => {
  it("applies annotations and links, keeping spaces outside markers", () => {
    expect(
      richTextToMarkdown([
        text("Plain "),
        text("bold ", { bold: true }),
        text("both", { bold: true, italic: true }),
        text(" "),
        text("gone", { strikethrough: true }),
        text(" and "),
        text("a`b", { code: true }),
        text(" "),
        text("docs", {}, "https://example.com/a (b)"),
      ]),
    ).toBe("Plain **bold** ***both*** ~~gone~~ and ``a`b`` [docs](https://example.com/a%20%28b%29)");
  });

  it("merges adjacent items with the same formatting", () => {
    expect(richTextToMarkdown([text("a", { bold: true }), text("b", { bold: true })])).toBe("**ab**");
  });

  it("uses plain_text of mentions and equations", () => {
    expect(
      richTextToMarkdown([text("See "), pageMention("Runbook", "p1"), text(" by "), userMention("Ana")]),
    ).toBe("See [Runbook](https://www.notion.so/p1) by @Ana");
    expect(richTextToMarkdown([text("Area "), inlineEquation("\\pi r^2")])).toBe("Area $\\pi r^2$");
  });

  it("escapes Markdown in plain text but not snake_case", () => {
    expect(richTextToMarkdown([text("*not bold* [x] <b> snake_case _under_")])).toBe(
      "\\*not bold\\* \\[x\\] \\<b\\> snake_case \\_under\\_",
    );
    expect(richTextToMarkdown([text("# not a heading\n- not a list\n1. nor this")])).toBe(
      "\\# not a heading\n\\- not a list\n1\\. nor this",
    );
  });
});
