import { describe, expect, it } from "vitest";
import { mentionSafeLength } from "./mention-safe-length.ts";

describe("mentionSafeLength", () => {
  it("sends everything when no mention could be cut", () => {
    expect(mentionSafeLength("Vacation is 25 days.")).toBe(20);
    const linked = "see <https://example.com|the handbook> now";
    expect(mentionSafeLength(linked)).toBe(linked.length);
  });

  it("holds back a trailing unclosed <… or @word", () => {
    expect(mentionSafeLength("Heads up <!chan")).toBe(9);
    expect(mentionSafeLength("ask @her")).toBe(4);
    expect(mentionSafeLength("ask @")).toBe(4);
  });

  it("lets a long-unclosed < through: it was a comparison", () => {
    const text = `a < b ${"x".repeat(80)}`;
    expect(mentionSafeLength(text)).toBe(text.length);
  });
});
