import { describe, expect, it } from "vitest";
import { splitMessage } from "./split-message.ts";

const fence = "```";
const fenceCount = (text: string) => text.split(fence).length - 1;
/** Non-whitespace content, without the fences a split may add. */
const content = (text: string) => text.replaceAll(fence, "").replace(/\s+/g, "");

function expectWellFormed(text: string, pieces: string[], maxChars: number): void {
  for (const piece of pieces) {
    expect(piece.length).toBeLessThanOrEqual(maxChars);
    expect(piece.trim()).not.toBe("");
    expect(fenceCount(piece) % 2).toBe(0); // every code block that opens in a piece closes in it
    expect(piece.isWellFormed()).toBe(true); // no half emoji
  }
  expect(content(pieces.join(""))).toBe(content(text));
}

/** A small seeded generator, so the mixed-content test is repeatable. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

function mixedDocument(next: () => number): string {
  const word = () => ["leave", "policy", "*bold*", "`code`", "&amp;", "<https://x.com/a|link>", "😀", "[1]"];
  const words = word();
  const sentence = () =>
    `${Array.from({ length: 3 + Math.floor(next() * 25) }, () => words[Math.floor(next() * words.length)]).join(" ")}.`;
  const blocks: string[] = [];
  for (let index = 0; index < 40; index++) {
    const kind = next();
    if (kind < 0.15) {
      const lines = Array.from(
        { length: 1 + Math.floor(next() * 60) },
        () => `  x = ${"y".repeat(next() * 80)};`,
      );
      blocks.push(`${fence}\n${lines.join("\n")}\n${fence}`);
    } else if (kind < 0.25) {
      blocks.push(Array.from({ length: 5 }, () => `• ${sentence()}`).join("\n"));
    } else {
      blocks.push(Array.from({ length: 1 + Math.floor(next() * 12) }, sentence).join(" "));
    }
  }
  return blocks.join("\n\n");
}

describe("splitMessage", () => {
  it("returns nothing for empty or blank text", () => {
    expect(splitMessage("")).toEqual([]);
    expect(splitMessage(" \n\n\t ")).toEqual([]);
  });

  it("keeps short text in one piece, trimmed of blank lines", () => {
    expect(splitMessage("\n\nHello *there* [1]\n\n")).toEqual(["Hello *there* [1]"]);
  });

  it("splits at paragraph breaks first", () => {
    const first = "a".repeat(60);
    const second = "b".repeat(60);
    expect(splitMessage(`${first}\n\n${second}`, 100)).toEqual([first, second]);
  });

  it("then at line breaks, keeping list indentation", () => {
    const lines = [`• ${"one ".repeat(24).trim()}`, `    • ${"nested ".repeat(8).trim()}`, "• three"];
    expect(splitMessage(lines.join("\n"), 120)).toEqual([lines[0], `${lines[1]}\n${lines[2]}`]);
  });

  it("then after sentences, then between words", () => {
    const sentences = "This is one sentence. This is another one! And a third? ".repeat(4).trim();
    for (const piece of splitMessage(sentences, 80)) expect(piece).toMatch(/[.!?]$/);
    const words = "word ".repeat(100).trim();
    for (const piece of splitMessage(words, 50)) expect(piece).toMatch(/^word( word)*$/);
  });

  it("cuts a word with no spaces on a character boundary", () => {
    const text = "😀".repeat(100) + "x".repeat(100);
    expectWellFormed(text, splitMessage(text, 33), 33);
  });

  it("never cuts inside a link, an entity or a code span when it can help it", () => {
    const text = Array.from(
      { length: 30 },
      (_, n) => `<https://example.com/${n}|doc number ${n}> &amp; \`a b c\``,
    ).join(" ");
    const pieces = splitMessage(text, 200);
    expectWellFormed(text, pieces, 200);
    for (const piece of pieces) {
      expect(piece.split("<").length).toBe(piece.split(">").length);
      expect(piece.split("`").length % 2).toBe(1);
      expect(piece).not.toMatch(/&[a-z]*$|^[a-z]*;/);
    }
  });

  it("moves a code block that fits to the next piece instead of breaking it", () => {
    const prose = "Some prose. ".repeat(10).trim();
    const code = `${fence}\nline one\n\nline two\n${fence}`;
    const pieces = splitMessage(`${prose}\n\n${code}`, prose.length + 10);
    expect(pieces).toEqual([prose, code]);
  });

  it("closes and reopens a code block longer than a piece", () => {
    const code = `${fence}\n${Array.from({ length: 200 }, (_, n) => `const line${n} = ${n};`).join("\n")}\n${fence}`;
    const text = `Here is the script:\n\n${code}\n\nThat's all.`;
    const pieces = splitMessage(text, 500);
    expectWellFormed(text, pieces, 500);
    expect(pieces.length).toBeGreaterThan(5);
    for (const piece of pieces.slice(1, -1)) {
      expect(piece.startsWith(`${fence}\n`)).toBe(true);
      expect(piece.endsWith(`\n${fence}`)).toBe(true);
    }
    // Each code line stays whole.
    for (const piece of pieces)
      for (const line of piece.split("\n"))
        expect(line).toMatch(/^(|```|const line\d+ = \d+;|Here is the script:|That's all\.)$/);
  });

  it("keeps code indentation when reopening a block", () => {
    const code = `${fence}\n${Array.from({ length: 60 }, (_, n) => `    indented ${n}`).join("\n")}\n${fence}`;
    for (const piece of splitMessage(code, 200)) {
      for (const line of piece.split("\n")) if (line !== fence) expect(line).toMatch(/^ {4}indented \d+$/);
    }
  });

  it("splits a single code line longer than a piece", () => {
    const code = `${fence}\n${"token ".repeat(200)}\n${fence}`;
    expectWellFormed(code, splitMessage(code, 100), 100);
  });

  it.each([60, 200, 1_000, 2_900])("keeps every invariant on mixed content (max %i)", (maxChars) => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const text = mixedDocument(random(seed * maxChars));
      expectWellFormed(text, splitMessage(text, maxChars), maxChars);
    }
  });

  it("refuses a limit too small for a code fence", () => {
    expect(() => splitMessage("text", 10)).toThrow(RangeError);
  });
});
