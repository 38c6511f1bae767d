import { describe, expect, it } from "vitest";
import type { Chunk } from "./chunk.ts";
import { chunkMarkdown } from "./chunk-markdown.ts";
import { estimateTokens } from "./estimate-tokens.ts";

const loneSurrogate = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** A chunk's text without its "Title › …" prefix line. */
function body(chunk: Chunk): string {
  return chunk.text.slice(chunk.text.indexOf("\n\n") + 2);
}

function expectWithinBounds(chunks: Chunk[], maxTokens = 450): void {
  for (const chunk of chunks) {
    expect(chunk.tokens).toBe(estimateTokens(chunk.text));
    expect(chunk.tokens).toBeLessThanOrEqual(maxTokens);
    expect(chunk.text).not.toMatch(loneSurrogate);
  }
  expect(chunks.map((chunk) => chunk.index)).toEqual(chunks.map((_, index) => index));
}

function sentences(count: number, word = "palabra"): string {
  return Array.from({ length: count }, (_, index) => `Frase ${index} con ${word} y más ${word}.`).join(" ");
}

const handbook = `# Travel handbook

How we travel.

## Per diem

${sentences(40)}

### Rates

${sentences(40, "tarifa")}

## Booking

${sentences(40, "reserva")}
`;

describe("chunkMarkdown", () => {
  it("prefixes every chunk with the title and heading path, and keeps the path", () => {
    // minTokens 0: no merging of the short intro into "Per diem".
    const chunks = chunkMarkdown(handbook, { title: "Travel handbook", minTokens: 0 });
    expect(chunks.map((chunk) => chunk.headings)).toEqual([
      ["Travel handbook"],
      ["Travel handbook", "Per diem"],
      ["Travel handbook", "Per diem", "Rates"],
      ["Travel handbook", "Booking"],
    ]);
    // A first heading repeating the title is not repeated in the prefix.
    expect(chunks.map((chunk) => chunk.text.split("\n\n")[0])).toEqual([
      "Travel handbook",
      "Travel handbook › Per diem",
      "Travel handbook › Per diem › Rates",
      "Travel handbook › Booking",
    ]);
    expect(body(chunks[1] as Chunk)).toMatch(/^Frase 0 con palabra/);
    expectWithinBounds(chunks);
  });

  it("merges small adjacent sections under their common path, keeping their headings", () => {
    const markdown = "# Guide\n\n## Setup\n\nInstall it.\n\n### Linux\n\nUse apt.\n\n## Usage\n\nRun it.\n";
    const chunks = chunkMarkdown(markdown, { title: "Tool" });
    expect(chunks).toHaveLength(1);
    expect(chunks[0]?.headings).toEqual(["Guide"]);
    expect(chunks[0]?.text).toBe(
      "Tool › Guide\n\n## Setup\n\nInstall it.\n\n### Linux\n\nUse apt.\n\n## Usage\n\nRun it.",
    );
    expect(chunkMarkdown(markdown, { title: "Tool", minTokens: 0 })).toHaveLength(3);
  });

  it("cleans inline Markdown out of headings", () => {
    const chunks = chunkMarkdown("## **Per diem** [rates](rates.md) {#per-diem}\n\nText.", { title: "T" });
    expect(chunks[0]?.headings).toEqual(["Per diem rates"]);
  });

  it("keeps a code block whole, blank lines and # comments included", () => {
    const code = "```bash\n# install\napt install x\n\n# run\nx --help\n```";
    const chunks = chunkMarkdown(`## Setup\n\nIntro.\n\n${code}\n\nAfter.`, { title: "T" });
    expect(chunks).toHaveLength(1);
    expect(chunks[0]?.text).toContain(code);
  });

  it("splits a huge code block between lines, re-opening the fence in every chunk", () => {
    const lines = Array.from({ length: 3000 }, (_, index) => `print(${index})  # line ${index}`);
    const chunks = chunkMarkdown(`Intro.\n\n\`\`\`python\n${lines.join("\n")}\n\`\`\`\n`, { title: "T" });
    expectWithinBounds(chunks);
    const codeChunks = chunks.filter((chunk) => chunk.text.includes("```"));
    expect(codeChunks.length).toBeGreaterThan(10);
    const seen: string[] = [];
    for (const chunk of codeChunks) {
      const match = /```python\n([\s\S]*)\n```$/.exec(chunk.text);
      expect(match).not.toBeNull();
      seen.push(...(match?.[1] ?? "").split("\n"));
    }
    expect(seen).toEqual(lines);
  });

  it("splits a huge table between rows, repeating the header", () => {
    const rows = Array.from({ length: 2000 }, (_, index) => `| row ${index} | value ${index} |`);
    const chunks = chunkMarkdown(`## Data\n\n| Name | Value |\n|---|---|\n${rows.join("\n")}\n`, {
      title: "T",
    });
    expectWithinBounds(chunks);
    expect(chunks.length).toBeGreaterThan(10);
    const seen: string[] = [];
    for (const chunk of chunks) {
      const [header, delimiter, ...chunkRows] = body(chunk).split("\n");
      expect([header, delimiter]).toEqual(["| Name | Value |", "|---|---|"]);
      seen.push(...chunkRows);
    }
    expect(seen).toEqual(rows);
  });

  it("splits a long paragraph at sentence ends, into balanced chunks", () => {
    const text = sentences(300);
    const chunks = chunkMarkdown(text, { title: "T" });
    expectWithinBounds(chunks);
    expect(chunks.length).toBeGreaterThan(2);
    for (const chunk of chunks) expect(body(chunk)).toMatch(/^Frase \d+ .*\.$/s);
    expect(chunks.map(body).join(" ")).toBe(text);
    const sizes = chunks.map((chunk) => chunk.tokens);
    expect(Math.min(...sizes)).toBeGreaterThan(Math.max(...sizes) / 2);
  });

  it("splits long lists between items", () => {
    const items = Array.from({ length: 400 }, (_, index) => `- item ${index}: ${"texto ".repeat(5)}`.trim());
    const chunks = chunkMarkdown(items.join("\n"), { title: "T" });
    expectWithinBounds(chunks);
    for (const chunk of chunks)
      for (const line of body(chunk).split("\n")) expect(line).toMatch(/^- item \d+: /);
  });

  it("respects other bounds and lets maxTokens go no lower than 64", () => {
    expectWithinBounds(chunkMarkdown(handbook, { title: "Travel handbook", maxTokens: 120 }), 120);
    expectWithinBounds(chunkMarkdown(handbook, { title: "Travel handbook", maxTokens: 1 }), 64);
  });

  it("is deterministic", () => {
    expect(chunkMarkdown(handbook, { title: "T" })).toEqual(chunkMarkdown(handbook, { title: "T" }));
  });

  it("gives no chunks for empty or whitespace-only content", () => {
    expect(chunkMarkdown("", { title: "T" })).toEqual([]);
    expect(chunkMarkdown(" \n\t\n  ", { title: "T" })).toEqual([]);
    expect(chunkMarkdown("# Only a heading\n\n<!-- a comment -->\n", { title: "T" })).toEqual([]);
  });

  it("cuts a single 5 MB line with no spaces by length, within bounds, losing nothing", () => {
    const line = "x".repeat(5_000_000);
    const started = performance.now();
    const chunks = chunkMarkdown(line, { title: "T" });
    expect(performance.now() - started).toBeLessThan(10_000);
    expectWithinBounds(chunks);
    expect(chunks.map(body).join("")).toBe(line);
  });

  it("never cuts inside a surrogate pair", () => {
    const chunks = chunkMarkdown("😀".repeat(20_000), { title: "T" });
    expectWithinBounds(chunks);
    expect(chunks.map(body).join("")).toBe("😀".repeat(20_000));
  });

  it("closes an unclosed fence in every chunk", () => {
    const chunks = chunkMarkdown(`\`\`\`\n${"line\n".repeat(2000)}`, { title: "T" });
    expectWithinBounds(chunks);
    for (const chunk of chunks) expect(body(chunk)).toMatch(/^```\nline\n[\s\S]*\n```$/);
  });

  it("chunks thousands of sections quickly", () => {
    const markdown = Array.from(
      { length: 5000 },
      (_, index) => `## Section ${index}\n\n${sentences(index % 7 === 0 ? 60 : 3)}\n`,
    ).join("\n");
    const started = performance.now();
    const chunks = chunkMarkdown(markdown, { title: "T" });
    expect(performance.now() - started).toBeLessThan(5_000);
    expectWithinBounds(chunks);
    expect(chunks.map((chunk) => chunk.text).join("\n")).toContain("Section 4999");
  });
});
