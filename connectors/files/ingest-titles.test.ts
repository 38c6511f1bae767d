import { describe, expect, it } from "vitest";
import { parseMarkdown } from "./parse-markdown.ts";
import { titleFromPath } from "./title-from-path.ts";

describe("titles at ingest", () => {
  const parse = (text: string) => parseMarkdown(new TextEncoder().encode(text), { relativePath: "a.md" });

  it("front matter and heading titles come out as plain text", async () => {
    expect((await parse("---\ntitle: Set up <em>before</em> day one\n---\nBody.\n")).title).toBe(
      "Set up before day one",
    );
    expect((await parse("---\ntitle: Logging in &amp; Networks\n---\nBody.\n")).title).toBe(
      "Logging in & Networks",
    );
    expect((await parse("# Tips &amp; <strong>tricks</strong>\n\nBody.\n")).title).toBe("Tips & tricks");
  });

  it("a file name title is plain text too", () => {
    expect(titleFromPath("guides/q&amp;a.md")).toBe("Q&a");
  });
});
