import { describe, expect, it } from "vitest";
import { modelScores } from "./model-scores.ts";
import { citedNumbers, isRefusal, scoreAnswer, tokenF1 } from "./score-answer.ts";

describe("scoring an answer against the approved one", () => {
  it("reads citations in every form models write them", () => {
    expect([...citedNumbers("A [1]. B [2][3]. C [4, 5].")]).toEqual([1, 2, 3, 4, 5]);
  });

  it("knows a refusal, in English and Spanish, and a cited answer is not one", () => {
    expect(isRefusal("The team's documents don't cover this.")).toBe(true);
    expect(isRefusal("I couldn't find this in the team's documents, so I won't guess.")).toBe(true);
    expect(isRefusal("Los documentos del equipo no cubren esto.")).toBe(true);
    expect(isRefusal("Staff get 25 days [1].")).toBe(false);
    expect(isRefusal("I don't know the rest, but staff get 25 days [1].")).toBe(false);
  });

  it("token F1 ignores case, order and citation markers", () => {
    expect(tokenF1("Days: 25 staff get [1]", "Staff get 25 days.")).toBe(1);
    expect(tokenF1("Staff get 30 days", "Staff get 25 days")).toBeCloseTo(0.75, 5);
    expect(tokenF1("Lunch is at noon", "Staff get 25 days")).toBe(0);
  });

  it("rewards the right citation, and only the refusal where one is due", () => {
    const expected = "Staff get 25 days of leave [2].";
    expect(scoreAnswer("Staff get 25 days of leave [2].", expected)).toEqual({
      citation: 1,
      refusal: 1,
      closeness: 1,
    });
    expect(scoreAnswer("Staff get 25 days of leave [1].", expected)).toMatchObject({
      citation: 0,
      refusal: 1,
    });
    expect(scoreAnswer("The team's documents don't cover this.", expected)).toEqual({
      citation: 0,
      refusal: 0,
      closeness: 0,
    });
    const refusal = "The team's documents don't cover this.";
    expect(scoreAnswer("I don't know.", refusal)).toEqual({ citation: null, refusal: 1, closeness: null });
    expect(scoreAnswer("Lunch is at noon [1].", refusal)).toEqual({
      citation: null,
      refusal: 0,
      closeness: null,
    });
  });

  it("averages each component over the examples it applies to, then the components", () => {
    const scores = modelScores("m", [
      { citation: 1, refusal: 1, closeness: 0.5 },
      { citation: null, refusal: 0, closeness: null },
    ]);
    expect(scores).toEqual({
      model: "m",
      overall: 0.6667,
      citation: 1,
      refusal: 0.5,
      closeness: 0.5,
      examples: 2,
    });
  });
});
