import { describe, expect, it } from "vitest";
import { addMeasures, estimateTokens, measureText, tokensOf } from "./estimate-tokens.ts";

describe("estimateTokens", () => {
  it("takes the larger of chars / 4 and words × 1.3", () => {
    expect(estimateTokens("")).toBe(0);
    expect(estimateTokens("internacionalización")).toBe(5);
    expect(estimateTokens("a b c d e f g h i j")).toBe(13);
    expect(estimateTokens("東京タワー")).toBe(5);
  });

  it("adds up exactly for texts joined with whitespace", () => {
    const left = "Una frase corta.";
    const right = "| a | b |\n東京";
    expect(tokensOf(addMeasures(measureText(left), measureText(right), 2))).toBe(
      estimateTokens(`${left}\n\n${right}`),
    );
  });
});
