/** How close a new question must be to an approved one, per path, for the approved answer to be served. */
export interface BankThresholds {
  /** Lexical similarity (question-similarity.ts), used whenever a side has no vector. */
  lexical: number;
  /** Cosine of the two questions' vectors (both embedded as queries by the same model). */
  dense: number;
}

/**
 * Lexical: 0.84, calibrated with the real analyzer on test/answer-bank/question-pairs.ts (53 pairs,
 * English and Spanish). Every rephrasing that keeps the content words scores ≥ 0.857 (the lowest
 * adds one word: "…the VPN when working from home?"); every near miss that shares words scores
 * ≤ 0.829 (the highest adds the action that changes the task: "cancel a meeting room booking"), and
 * swaps of an office, team, year or negation score lower or are refused outright. 0.84 sits between.
 * The margin is thin by nature: words alone can't tell "cancel" from "working"; meaning needs vectors.
 *
 * Dense: 0.88 for EmbeddingGemma, not measured here (no model runs on the development machines).
 * EmbeddingGemma's cosines run cool: a per-model calibration elsewhere puts near-duplicates at
 * ≥ 0.82 (knomit.io's embeddings docs), and a question differing in one word can score that too. A
 * wrong approved answer costs more than a fresh one, so the bank starts stricter. Recalibrate with
 * `OLLAMA_HOST=… npm run bench -- answer-bank` (precision and recall on the set at several
 * thresholds) and set ANSWER_BANK_THRESHOLD to the value that keeps precision at 1.
 */
export const defaultBankThresholds: BankThresholds = { lexical: 0.84, dense: 0.88 };

/** ANSWER_BANK_THRESHOLD overrides the dense threshold: the one that depends on the embedding model. */
export function bankThresholds(denseOverride: number | undefined): BankThresholds {
  return denseOverride === undefined
    ? defaultBankThresholds
    : { ...defaultBankThresholds, dense: denseOverride };
}
