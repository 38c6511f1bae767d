import { describe, expect, it } from "vitest";
import { analyzeQuery } from "#shared/knowledge/lexical/analyze-text.ts";
import { clusterQuestions, normalizeQuestion } from "./question-clusters.ts";

describe("clusterQuestions", () => {
  it("folds case, accents and punctuation for exact duplicates", () => {
    expect(normalizeQuestion("¿Cuántos  días de VACACIONES?")).toBe("cuantos dias de vacaciones");
    expect(
      clusterQuestions([
        "How do I reset my VPN password?",
        "how do i reset my vpn password!!",
        "What?",
        "what",
      ]),
    ).toEqual([
      [0, 1],
      [2, 3],
    ]);
  });

  it("joins paraphrases with the same content words and keeps questions that only share a topic apart", () => {
    const questions = [
      "How many vacation days do we get?",
      "How do I request a laptop?",
      "how many vacation days do I get",
      "What is the expense policy for travel?",
      "How do I request vacation?",
      "What's the travel expense policy?",
      "How do I request vacation days?",
    ];
    expect(clusterQuestions(questions)).toEqual([[0, 2], [1], [3, 5], [4], [6]]);
  });

  it("finds the same clusters as comparing every pair", () => {
    const words = [
      "vpn",
      "laptop",
      "expense",
      "travel",
      "badge",
      "parking",
      "payroll",
      "holiday",
      "invoice",
      "audit",
    ];
    let state = 7;
    const random = () => {
      state = (state * 1103515245 + 12345) % 2 ** 31;
      return state / 2 ** 31;
    };
    const questions = Array.from({ length: 300 }, () =>
      Array.from(
        { length: 2 + Math.floor(random() * 3) },
        () => words[Math.floor(random() * words.length)],
      ).join(" "),
    );
    const bruteForce = (threshold: number) => {
      const sets = questions.map((question) => new Set(analyzeQuery(question)));
      const parents = questions.map((_, index) => index);
      const find = (index: number): number =>
        parents[index] === index ? index : find(parents[index] as number);
      for (let a = 0; a < questions.length; a++) {
        for (let b = 0; b < a; b++) {
          const setA = sets[a] as Set<string>;
          const setB = sets[b] as Set<string>;
          const shared = [...setA].filter((word) => setB.has(word)).length;
          const exact = normalizeQuestion(questions[a] ?? "") === normalizeQuestion(questions[b] ?? "");
          if (exact || shared / (setA.size + setB.size - shared) >= threshold) {
            const rootA = find(a);
            const rootB = find(b);
            parents[Math.max(rootA, rootB)] = Math.min(rootA, rootB);
          }
        }
      }
      const groups = new Map<number, number[]>();
      for (let index = 0; index < questions.length; index++) {
        groups.set(find(index), [...(groups.get(find(index)) ?? []), index]);
      }
      return [...groups.values()].sort((x, y) => (x[0] as number) - (y[0] as number));
    };
    expect(clusterQuestions(questions, 0.7)).toEqual(bruteForce(0.7));
    expect(clusterQuestions(questions, 0.5)).toEqual(bruteForce(0.5));
  });
});
