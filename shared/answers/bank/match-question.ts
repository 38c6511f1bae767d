import type { BankThresholds } from "./bank-thresholds.ts";
import {
  mismatch,
  type StemFrequencies,
  type WeightedQuestion,
  weighQuestion,
  weightedSimilarity,
} from "./question-similarity.ts";
import type { QuestionTerms } from "./question-terms.ts";

/** One side of a comparison: the question's terms, weighed, and its unit-length vector if embedded. */
export interface ComparedQuestion {
  terms: QuestionTerms;
  weighted: WeightedQuestion;
  vector: Float32Array | null;
}

export interface QuestionMatch {
  /** The deciding score: the cosine when the dense path matched, else the lexical similarity. */
  similarity: number;
  path: "dense" | "lexical";
  /** How far above its threshold (for ranking matches found by different paths). */
  margin: number;
}

export function comparedQuestion(
  terms: QuestionTerms,
  vector: ArrayLike<number> | null,
  frequencies: StemFrequencies,
): ComparedQuestion {
  return { terms, weighted: weighQuestion(terms, frequencies), vector: vector ? unitVector(vector) : null };
}

/**
 * Whether an approved question matches a new one: same numbers and negation, and either the
 * lexical similarity or (both embedded) the cosine at or above its threshold. The lexical path
 * serves rephrasings that keep the words; vectors add the ones that don't. Null = no match.
 */
export function matchQuestion(
  asked: ComparedQuestion,
  approved: ComparedQuestion,
  thresholds: BankThresholds,
): QuestionMatch | null {
  if (mismatch(asked.terms, approved.terms)) return null;
  let best: QuestionMatch | null = null;
  if (asked.vector && approved.vector && asked.vector.length === approved.vector.length) {
    const similarity = dot(asked.vector, approved.vector);
    if (similarity >= thresholds.dense)
      best = { similarity, path: "dense", margin: similarity - thresholds.dense };
  }
  const lexical = weightedSimilarity(asked.weighted, approved.weighted);
  if (lexical >= thresholds.lexical && (!best || lexical - thresholds.lexical > best.margin)) {
    best = { similarity: lexical, path: "lexical", margin: lexical - thresholds.lexical };
  }
  return best;
}

/**
 * Vectors are normalised when loaded, so the dot product is the cosine. Four running sums: the
 * scan over every approved vector is the look-up's hot loop (3× faster than one sum).
 */
export function dot(left: Float32Array, right: Float32Array): number {
  const length = Math.min(left.length, right.length);
  let first = 0;
  let second = 0;
  let third = 0;
  let fourth = 0;
  let index = 0;
  for (; index + 3 < length; index += 4) {
    first += (left[index] as number) * (right[index] as number);
    second += (left[index + 1] as number) * (right[index + 1] as number);
    third += (left[index + 2] as number) * (right[index + 2] as number);
    fourth += (left[index + 3] as number) * (right[index + 3] as number);
  }
  for (; index < length; index += 1) first += (left[index] as number) * (right[index] as number);
  return first + second + third + fourth;
}

/** A unit-length copy (a zero vector stays zero: it matches nothing). */
export function unitVector(values: ArrayLike<number>): Float32Array {
  const vector = Float32Array.from(values);
  let norm = 0;
  for (const value of vector) norm += value * value;
  norm = Math.sqrt(norm);
  if (norm > 0)
    for (let index = 0; index < vector.length; index += 1) vector[index] = (vector[index] ?? 0) / norm;
  return vector;
}
