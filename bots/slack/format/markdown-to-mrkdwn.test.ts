import { describe, expect, it } from "vitest";
import { markdownToMrkdwn } from "./markdown-to-mrkdwn.ts";

const zeroWidthSpace = "\u200B";
/** The converter's zero-width spaces (around *bold* etc.) are invisible; compare without them. */
const visible = (markdown: string) => markdownToMrkdwn(markdown).replaceAll(zeroWidthSpace, "");

describe("markdownToMrkdwn", () => {
  it("keeps citation markers exactly as written", () => {
    const text = "Vacation is 25 days [1]. Request it in the HR tool [2][3], see also [1, 2] and [4,5].";
    expect(markdownToMrkdwn(text)).toBe(text);
  });

  it("keeps citations plain even when the model adds reference definitions", () => {
    const result = visible(
      "See [1] and [2][3].\n\n[1]: https://evil.example.com\n[3]: https://x.example.com",
    );
    expect(result).toContain("See [1] and [2][3].");
    expect(result).not.toContain("|1>");
    expect(result).not.toContain("|2>");
  });

  it("keeps citations next to formatting, in headings, lists, tables and code", () => {
    expect(visible("_Only_[1] **this**[2] *one*[3].")).toBe("_Only_[1] *this*[2] _one_[3].");
    expect(visible("# Leave [1]")).toBe("*Leave [1]*");
    expect(visible("- item [2]\n- other [3][4]")).toBe("• item [2]\n• other [3][4]");
    expect(visible("| a | b |\n|---|---|\n| x [1] | y |")).toContain("x [1] | y");
    expect(visible("`[1]`")).toBe("`[1]`");
  });

  it("converts bold, italics, strikethrough and inline code", () => {
    expect(visible("**bold**, *italic*, _also_, ~~gone~~ and `code`")).toBe(
      "*bold*, _italic_, _also_, ~gone~ and `code`",
    );
  });

  it("converts links to <url|text> and bare URLs to links", () => {
    expect(visible("[the handbook](https://example.com/h?a=1&b=2)")).toBe(
      "<https://example.com/h?a=1&b=2|the handbook>",
    );
    expect(visible("see https://example.com/x")).toBe("see <https://example.com/x|https://example.com/x>");
  });

  it("shows relative links as their text", () => {
    expect(visible("[the policy](./docs/leave.md)")).toBe("the policy");
  });

  it("turns headings into bold lines", () => {
    expect(visible("# Leave\n\n## How to ask\n\ntext")).toBe("*Leave*\n\n*How to ask*\n\ntext");
  });

  it("keeps fenced code blocks, drops the language and escapes their contents", () => {
    expect(visible("```ts\nif (a < b && c > d) run();\n```")).toBe(
      "```\nif (a &lt; b &amp;&amp; c &gt; d) run();\n```",
    );
    expect(visible("`a < b`")).toBe("`a &lt; b`");
  });

  it("renders lists with tidy markers", () => {
    expect(visible("- a\n- b\n  - nested\n\n1. one\n2. two\n\n- [ ] open\n- [x] done")).toBe(
      "• a\n• b\n    • nested\n\n1. one\n2. two\n\n• ☐ open\n• ☑ done",
    );
  });

  it("turns tables into plain lines with a bold header", () => {
    const table = "| Plan | Days |\n|:-----|-----:|\n| Basic & co | 25 |\n| Pro | [30](https://x.com/p) |";
    expect(visible(table)).toBe("*Plan | Days*\nBasic &amp; co | 25\nPro | <https://x.com/p|30>");
  });

  it("turns thematic breaks into a rule Slack can show", () => {
    expect(visible("a\n\n---\n\nb")).toBe("a\n\n───\n\nb");
  });

  it("escapes &, < and > in text and drops formatting HTML", () => {
    expect(visible("a & b < c")).toBe("a &amp; b &lt; c");
    expect(visible("<b>bold</b> line<br>next")).toBe("bold line\nnext");
  });

  it("leaves Slack control sequences for neutralizePings", () => {
    expect(visible("Hey <!channel>")).toBe("Hey <!channel>");
  });

  it("keeps quotes", () => {
    expect(visible("> quoted\n> more")).toBe("> quoted\n> more");
  });

  it("handles emoji-only and empty text", () => {
    expect(markdownToMrkdwn("😀🎉👍🏽")).toBe("😀🎉👍🏽");
    expect(markdownToMrkdwn("")).toBe("");
    expect(markdownToMrkdwn("  \n\n ")).toBe("");
  });

  it("keeps the formatting when one link target is malformed", () => {
    expect(visible("**Done** at https://x.com/100%-done")).toBe(
      "*Done* at <https://x.com/100%25-done|https://x.com/100%25-done>",
    );
    expect(visible("**a** [b](https://x.com/\uD800)")).toBe("*a* <https://x.com/%EF%BF%BD|b>");
  });

  it("never throws: falls back to the raw text, escaped", () => {
    const deep = `${"> ".repeat(5_000)}a & <b>`;
    expect(markdownToMrkdwn(deep)).toBe(`${"&gt; ".repeat(5_000)}a &amp; &lt;b&gt;`.trim());
    expect(markdownToMrkdwn(undefined as unknown as string)).toBe("");
  });
});
