import { describe, expect, it } from "vitest";
import { fenceSpans } from "./fence-spans.ts";
import { splitDiscordMessage } from "./split-discord-message.ts";

const fencesBalanced = (part: string) =>
  fenceSpans(part).every((span) => span.closed) && (part.match(/```/g) ?? []).length % 2 === 0;
/** The words of a text, code-fence markers left out: what the reader must get, in order. */
const words = (text: string) =>
  text
    .replace(/```[a-z]*/g, " ")
    .split(/\s+/)
    .filter(Boolean);

/** About `length` characters of "word word … word." */
function paragraph(length: number, word: string): string {
  const words = `${word} `.repeat(Math.ceil(length / (word.length + 1)));
  return `${words.slice(0, length - 1).trimEnd()}.`;
}

function expectWellFormed(parts: string[], original: string, maxChars = 2_000): void {
  for (const part of parts) {
    expect(part.length).toBeLessThanOrEqual(maxChars);
    expect(part.trim()).not.toBe("");
    expect(fencesBalanced(part)).toBe(true);
  }
  expect(words(parts.join("\n"))).toEqual(words(original));
}

describe("splitDiscordMessage", () => {
  it("leaves a message that fits alone", () => {
    expect(splitDiscordMessage("Short **answer** [1].")).toEqual(["Short **answer** [1]."]);
  });

  it("splits three paragraphs near the limit at paragraph breaks, two of them together when they fit", () => {
    const [a, b, c] = [paragraph(900, "alpha"), paragraph(900, "beta"), paragraph(900, "gamma")];
    const text = `${a}\n\n${b}\n\n${c}`;
    const parts = splitDiscordMessage(text);
    expect(parts).toEqual([`${a}\n\n${b}`, c]);
  });

  it("puts each of three paragraphs of 1,900 characters in its own message", () => {
    const paragraphs = ["one", "two", "three"].map((word) => paragraph(1_900, word));
    expect(splitDiscordMessage(paragraphs.join("\n\n"))).toEqual(paragraphs);
  });

  it("keeps a code block that fits whole, moving it to the next message rather than cutting it", () => {
    const prose = paragraph(1_500, "intro");
    const code = `\`\`\`py\n${"print('x')\n".repeat(60)}\`\`\``;
    const parts = splitDiscordMessage(`${prose}\n\n${code}`);
    expect(parts).toEqual([prose, code]);
  });

  it("cuts a code block longer than a message between lines, each piece closed and reopened with its language", () => {
    const lines = Array.from({ length: 200 }, (_, index) => `const value${index} = compute(${index});`);
    const text = `Run this:\n\n\`\`\`ts\n${lines.join("\n")}\n\`\`\`\n\nThen restart.`;
    const parts = splitDiscordMessage(text);
    expect(parts.length).toBeGreaterThan(2);
    expectWellFormed(parts, text);
    const codeParts = parts.filter((part) => part.includes("const value"));
    for (const part of codeParts) expect(part).toMatch(/```ts\nconst value\d+ = compute\(\d+\);/);
    // Every line whole, in order, exactly once.
    const shown = parts.join("\n").match(/const value\d+ = compute\(\d+\);/g);
    expect(shown).toEqual(lines);
    expect(parts[0]?.startsWith("Run this:\n\n```ts\n")).toBe(true);
    expect(parts.at(-1)?.endsWith("```\n\nThen restart.")).toBe(true);
  });

  it("cuts a single code line longer than a message, still inside fences", () => {
    const text = `\`\`\`\n${"x".repeat(4_500)}\n\`\`\``;
    const parts = splitDiscordMessage(text);
    expect(parts).toHaveLength(3);
    for (const part of parts) {
      expect(part.length).toBeLessThanOrEqual(2_000);
      expect(part).toMatch(/^```\nx+\n```$/);
    }
    expect(parts.join("").match(/x/g)).toHaveLength(4_500);
  });

  it("cuts one giant paragraph without line breaks at a sentence end", () => {
    const sentences = Array.from(
      { length: 60 },
      (_, index) => `Sentence number ${index} explains one more detail of the setup.`,
    );
    const text = sentences.join(" ");
    const parts = splitDiscordMessage(text);
    expect(parts.length).toBeGreaterThan(1);
    expectWellFormed(parts, text);
    for (const part of parts) expect(part).toMatch(/^Sentence number \d+ .*setup\.$/);
  });

  it("cuts a giant paragraph without sentence ends at a space, never inside a word, a link or inline code", () => {
    const text = Array.from({ length: 400 }, (_, index) =>
      index % 3 === 0 ? `[see page ${index}](<https://example.com/${index}>)` : `word${index} \`some code\``,
    ).join(" ");
    const parts = splitDiscordMessage(text);
    expect(parts.length).toBeGreaterThan(3);
    expectWellFormed(parts, text);
    for (const part of parts) {
      expect((part.match(/`/g) ?? []).length % 2).toBe(0);
      expect((part.match(/\[see page/g) ?? []).length).toBe((part.match(/>\)/g) ?? []).length);
      expect(part).toMatch(/^(?:\[see page \d+\]|word\d+|`some code`)/);
      expect(part).toMatch(/(?:>\)|word\d+|`some code`)$/);
    }
  });

  it("cuts text without any space at all, on character boundaries", () => {
    const text = "😀".repeat(1_500);
    const parts = splitDiscordMessage(text);
    expect(parts.length).toBe(2);
    expect(parts.join("")).toBe(text);
    for (const part of parts) expect(part.length).toBeLessThanOrEqual(2_000);
    expect(parts[0]?.endsWith("\uD83D")).toBe(false);
  });

  it("starts the next message with a heading rather than leaving it alone at the end", () => {
    const first = paragraph(1_800, "first");
    const second = paragraph(900, "second");
    const parts = splitDiscordMessage(`${first}\n\n## Next step\n\n${second}`);
    expect(parts).toEqual([first, `## Next step\n\n${second}`]);
  });

  it("closes a code block the text leaves open", () => {
    expect(splitDiscordMessage("Try:\n```sh\nls -la")).toEqual(["Try:\n```sh\nls -la\n```"]);
  });

  it("keeps every message within a smaller limit for mixed content", () => {
    const blocks: string[] = [];
    for (let index = 0; index < 30; index++) {
      blocks.push(
        index % 4 === 1
          ? `\`\`\`js\n${"let a = 1; // line\n".repeat(index * 3)}\`\`\``
          : `- item ${index} with **bold** text\n- another item\n${paragraph(200 + index * 37, `w${index}`)}`,
      );
    }
    const text = blocks.join("\n\n");
    for (const maxChars of [300, 1_000, 2_000])
      expectWellFormed(splitDiscordMessage(text, maxChars), text, maxChars);
  });
});
