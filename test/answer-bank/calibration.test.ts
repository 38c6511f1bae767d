import { describe, expect, it } from "vitest";
import { bankThresholds, defaultBankThresholds } from "#shared/answers/bank/bank-thresholds.ts";
import { comparedQuestion, matchQuestion } from "#shared/answers/bank/match-question.ts";
import { stemFrequencies } from "#shared/answers/bank/question-similarity.ts";
import { questionTerms } from "#shared/answers/bank/question-terms.ts";
import { approvedQuestions, questionPairs } from "./question-pairs.ts";

/** The lexical path (no vectors) on the calibration set, with the real analyzer. */
const frequencies = stemFrequencies(approvedQuestions.map(questionTerms));
const lexicalMatch = (approved: string, asked: string) =>
  matchQuestion(
    comparedQuestion(questionTerms(asked), null, frequencies),
    comparedQuestion(questionTerms(approved), null, frequencies),
    defaultBankThresholds,
  );

describe("answer bank calibration (lexical path)", () => {
  it("has a set worth calibrating on: 40+ pairs, both kinds, English and Spanish", () => {
    expect(questionPairs.length).toBeGreaterThanOrEqual(40);
    for (const language of ["en", "es"] as const) {
      for (const kind of ["paraphrase", "near-miss"] as const) {
        expect(
          questionPairs.filter((pair) => pair.language === language && pair.kind === kind).length,
        ).toBeGreaterThan(5);
      }
    }
  });

  it.each(questionPairs.filter((pair) => pair.kind === "paraphrase" && pair.keepsWords))(
    "serves the rephrasing $asked",
    ({ approved, asked }) => {
      expect(lexicalMatch(approved, asked)?.path).toBe("lexical");
    },
  );

  it.each(questionPairs.filter((pair) => pair.kind === "near-miss"))(
    "does not serve the near miss $asked",
    ({ approved, asked }) => {
      expect(lexicalMatch(approved, asked)).toBeNull();
    },
  );

  it("leaves rephrasings in other words to the dense path", () => {
    for (const pair of questionPairs.filter((each) => each.kind === "paraphrase" && !each.keepsWords)) {
      expect(lexicalMatch(pair.approved, pair.asked)).toBeNull();
    }
  });

  it("lets ANSWER_BANK_THRESHOLD set the dense threshold only", () => {
    expect(bankThresholds(undefined)).toEqual(defaultBankThresholds);
    expect(bankThresholds(0.7)).toEqual({ lexical: defaultBankThresholds.lexical, dense: 0.7 });
  });
});
