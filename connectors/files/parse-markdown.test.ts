import { describe, expect, it } from "vitest";
import { parseMarkdown } from "./parse-markdown.ts";

const parse = (text: string, relativePath = "notes/page.md") =>
  parseMarkdown(new TextEncoder().encode(text), { relativePath });

describe("parseMarkdown", () => {
  it("moves front matter to metadata, out of the content, and takes its title", async () => {
    const parsed = await parse(
      "---\ntitle: Onboarding guide\ntags: [people, setup]\n---\n# Welcome\n\nFirst day.\n",
    );
    expect(parsed.title).toBe("Onboarding guide");
    expect(parsed.metadata).toEqual({ title: "Onboarding guide", tags: ["people", "setup"] });
    expect(parsed.content).toBe("# Welcome\n\nFirst day.");
  });

  it("takes the first level-one heading when there is no front matter title", async () => {
    const parsed = await parse("Intro line.\n\n# How [deploys](https://example.org) **work**\n\n## Steps\n");
    expect(parsed.title).toBe("How deploys work");
    expect(parsed.metadata).toBeUndefined();
  });

  it("handles Windows line endings in front matter and headings", async () => {
    const parsed = await parse("---\r\nowner: ops\r\n---\r\n# Runbook\r\n\r\nRestart it.\r\n");
    expect(parsed).toEqual({
      title: "Runbook",
      content: "# Runbook\n\nRestart it.",
      metadata: { owner: "ops" },
    });
  });

  it("has no title when there is no heading (the reader uses the file name)", async () => {
    expect((await parse("Just a paragraph.\n")).title).toBeUndefined();
  });

  it("ignores a # comment inside a code block when looking for the title", async () => {
    const parsed = await parse("```sh\n# install things\nnpm ci\n```\n\nSetext title\n============\n");
    expect(parsed.title).toBe("Setext title");
  });

  it("keeps the body when the front matter is malformed, and says why in metadata", async () => {
    const parsed = await parse("---\ntitle: [unclosed\n  bad: : yaml\n---\nThe body survives.\n");
    expect(parsed.content).toBe("The body survives.");
    expect(parsed.metadata?.frontMatterError).toMatch(/front matter could not be parsed/);
  });

  it("treats an unclosed leading --- as text, not as front matter swallowing the file", async () => {
    const parsed = await parse("---\nNo closing fence here.\nMore text.\n");
    expect(parsed.content).toContain("More text.");
  });

  it("never evaluates JavaScript front matter", async () => {
    const parsed = await parse('---js\n{ title: (globalThis.__sabioPwned = "yes") }\n---\nBody.\n');
    expect((globalThis as Record<string, unknown>).__sabioPwned).toBeUndefined();
    expect(parsed.content).toBe("Body.");
    expect(parsed.metadata?.frontMatterError).toMatch(/not supported/);
  });

  it("strips template tags and MDX module lines", async () => {
    const parsed = await parse(
      'import Chart from "./chart"\n\n# Metrics\n\n{% include "nav.html" %}\nRead [more]({% page "/stats/" %}).\n',
      "docs/metrics.mdx",
    );
    expect(parsed.content).toBe("# Metrics\n\n\nRead [more](/stats/).");
  });
});
