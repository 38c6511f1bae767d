import type { QuestionTerms } from "./question-terms.ts";

/** How often each stem occurs among a workspace's approved questions: rare words weigh more. */
export interface StemFrequencies {
  questions: number;
  /** Approved questions holding the stem (0 for a stem none holds). */
  of(stem: string): number;
}

/** A question's words with their weights, ready to compare many times. */
export interface WeightedQuestion {
  words: readonly (readonly string[])[];
  weights: number[];
  total: number;
  stems: ReadonlySet<string>;
}

/** Weighs each word by its IDF among the approved questions (a word of two stems: its commoner one). */
export function weighQuestion(terms: QuestionTerms, frequencies: StemFrequencies): WeightedQuestion {
  const idf = (stem: string) => Math.log(1 + (frequencies.questions + 1) / (frequencies.of(stem) + 1));
  const weights = terms.words.map((word) => Math.min(...word.map(idf)));
  return {
    words: terms.words,
    weights,
    total: weights.reduce((sum, weight) => sum + weight, 0),
    stems: new Set(terms.words.flat()),
  };
}

/**
 * Lexical similarity, 0–1: the harmonic mean of how much of each question's content the other
 * covers, each word weighted by its IDF among the approved questions. A word added to a rephrasing
 * costs one side a little; a word swapped for another (Madrid → Barcelona, sick → vacation) costs
 * both sides, and a rare word the most. Stems only, so inflections don't count.
 */
export function weightedSimilarity(left: WeightedQuestion, right: WeightedQuestion): number {
  const leftCovered = coverage(left, right);
  if (leftCovered === 0) return 0;
  const rightCovered = coverage(right, left);
  if (rightCovered === 0) return 0;
  return (2 * leftCovered * rightCovered) / (leftCovered + rightCovered);
}

/** weightedSimilarity of two questions weighed against the same approved questions. */
export function lexicalSimilarity(
  left: QuestionTerms,
  right: QuestionTerms,
  frequencies: StemFrequencies,
): number {
  return weightedSimilarity(weighQuestion(left, frequencies), weighQuestion(right, frequencies));
}

function coverage(from: WeightedQuestion, to: WeightedQuestion): number {
  if (from.total === 0) return 0;
  let covered = 0;
  from.words.forEach((word, index) => {
    if (word.some((stem) => to.stems.has(stem))) covered += from.weights[index] ?? 0;
  });
  return covered / from.total;
}

/**
 * What no similarity can outweigh: two questions about different numbers (years, amounts,
 * versions) or one negated and one not ask different things, however alike they read. Null = none.
 */
export function mismatch(left: QuestionTerms, right: QuestionTerms): "numbers" | "negation" | null {
  if (left.numbers.join(" ") !== right.numbers.join(" ")) return "numbers";
  if (left.negated !== right.negated) return "negation";
  return null;
}

/** Stem frequencies of a list of questions (the calibration set, a workspace's bank). */
export function stemFrequencies(questions: readonly QuestionTerms[]): StemFrequencies {
  const counts = new Map<string, number>();
  for (const question of questions) {
    for (const stem of new Set(question.words.flat())) counts.set(stem, (counts.get(stem) ?? 0) + 1);
  }
  return { questions: questions.length, of: (stem) => counts.get(stem) ?? 0 };
}
