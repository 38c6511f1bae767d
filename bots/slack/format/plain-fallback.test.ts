import { describe, expect, it } from "vitest";
import { plainFallback } from "./plain-fallback.ts";

describe("plainFallback", () => {
  it("turns links into labels and drops formatting marks", () => {
    expect(
      plainFallback(
        "\u200B*Leave*\u200B: see <https://example.com|the _handbook_> and `code`\n\n> quoted snake_case",
      ),
    ).toBe("Leave: see the handbook and code quoted snake_case");
  });

  it("keeps mentions defused", () => {
    expect(plainFallback("<https://x.com|@\u200Bhere> @channel <!here>")).toBe(
      "@\u200Bhere @\u200Bchannel @\u200Bhere",
    );
  });

  it("truncates at a word without leaving half an entity", () => {
    const result = plainFallback(`${"word ".repeat(100)}`, 50);
    expect(result.length).toBeLessThanOrEqual(50);
    expect(result.endsWith("word…")).toBe(true);
    expect(plainFallback(`${"x".repeat(45)}&amp;&amp;&amp;`, 50)).toBe(`${"x".repeat(45)}…`);
  });
});
