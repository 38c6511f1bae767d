import { describe, expect, it } from "vitest";
import { passageRelevance, questionTerms, relevanceScores } from "./relevance.ts";

const passage = (text: string, title = "Handbook") => ({ title, text });

describe("passage relevance", () => {
  it("is 1 when the passage holds every content word, on stems (days/day, requesting/request)", () => {
    const [score] = relevanceScores("How do I request vacation days?", [
      passage("Requesting time off: each vacation day is requested in the calendar."),
    ]);
    expect(score).toBe(1);
  });

  it("is the share of content words covered, and 0 for an unrelated passage", () => {
    const scores = relevanceScores("Which catering company runs the deploy party?", [
      passage("Deploys are frozen on Fridays."),
      passage("The cafeteria opens at noon."),
    ]);
    expect(scores[0]).toBeCloseTo(1 / 5);
    expect(scores[1]).toBe(0);
  });

  it("matches Spanish across accents and inflections", () => {
    const [score] = relevanceScores("¿Cuántos días de vacaciones tenemos?", [
      passage("Todos tenemos veinticinco dias de vacacion al año."),
    ]);
    expect(score).toBe(1);
  });

  it("weighs a number asked about double: a passage without it is not relevant", () => {
    const terms = questionTerms("What changed in the 2024 travel policy?");
    expect(terms.words.find((word) => word.word === "2024")?.weight).toBe(2);
    expect(passageRelevance(terms, passage("The travel policy changed."))).toBeCloseTo(3 / 5);
  });

  it("weighs names (capitalised words, acronyms) double", () => {
    const terms = questionTerms("How do I log time in Tock?");
    expect(terms.words.find((word) => word.word === "tock")?.weight).toBe(2);
  });

  it("counts words that shape the question at half weight", () => {
    const terms = questionTerms("How long is parental leave?");
    expect(terms.words.find((word) => word.word === "long")?.weight).toBe(0.5);
    expect(passageRelevance(terms, passage("Nothing about it, for how long?"))).toBeCloseTo(0.5 / 2.5);
  });

  it("is 0 for a question of stop words only", () => {
    expect(relevanceScores("What is it?", [passage("What is it? It is what it is.")])).toEqual([0]);
  });
});
