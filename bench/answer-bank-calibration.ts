import { defaultBankThresholds } from "../shared/answers/bank/bank-thresholds.ts";
import { unitVector } from "../shared/answers/bank/match-question.ts";
import { lexicalSimilarity, mismatch, stemFrequencies } from "../shared/answers/bank/question-similarity.ts";
import { questionTerms } from "../shared/answers/bank/question-terms.ts";
import type { Embedder } from "../shared/knowledge/embed/embedder.ts";
import { approvedQuestions, type QuestionPair, questionPairs } from "../test/answer-bank/question-pairs.ts";

/** One pair's scores: lexical always, the cosine when an embedder ran; a guard refuses outright. */
interface ScoredPair {
  pair: QuestionPair;
  lexical: number;
  dense: number | null;
  refused: boolean;
}

export interface CalibrationResult {
  embedder: string | null;
  pairs: ScoredPair[];
}

/**
 * Scores the calibration set (test/answer-bank/question-pairs.ts) lexically and, given an embedder
 * (a real OLLAMA_HOST), densely: what `npm run bench -- answer-bank` prints to choose thresholds.
 */
export async function runAnswerBankCalibration(embedder: Embedder | null): Promise<CalibrationResult> {
  const frequencies = stemFrequencies(approvedQuestions.map(questionTerms));
  const vectors = new Map<string, Float32Array>();
  if (embedder) {
    for (const text of new Set(questionPairs.flatMap((pair) => [pair.approved, pair.asked]))) {
      vectors.set(text, unitVector(await embedder.embedQuery(text)));
    }
  }
  const pairs = questionPairs.map((pair) => {
    const approved = questionTerms(pair.approved);
    const asked = questionTerms(pair.asked);
    const left = vectors.get(pair.asked);
    const right = vectors.get(pair.approved);
    return {
      pair,
      lexical: lexicalSimilarity(asked, approved, frequencies),
      dense: left && right ? left.reduce((sum, value, index) => sum + value * (right[index] ?? 0), 0) : null,
      refused: mismatch(asked, approved) !== null,
    };
  });
  return { embedder: embedder ? embedder.model : null, pairs };
}

/** Precision and recall of "served" (paraphrases are the positives) at one threshold. */
function row(
  pairs: ScoredPair[],
  threshold: number,
  score: (pair: ScoredPair) => number | null,
  positives: (pair: QuestionPair) => boolean,
): string {
  const served = pairs.filter((each) => !each.refused && (score(each) ?? -1) >= threshold);
  const truePositives = served.filter((each) => positives(each.pair)).length;
  const allPositives = pairs.filter((each) => positives(each.pair)).length;
  const nearMissesServed = served.filter((each) => each.pair.kind === "near-miss").length;
  const precision = served.length === 0 ? 1 : truePositives / served.length;
  const recall = allPositives === 0 ? 0 : truePositives / allPositives;
  return `  ${threshold.toFixed(2)}  precision ${precision.toFixed(2)}  recall ${recall.toFixed(2)}  near misses served ${nearMissesServed}`;
}

export function formatAnswerBankCalibration(result: CalibrationResult): string {
  const { pairs } = result;
  const paraphrases = pairs.filter((each) => each.pair.kind === "paraphrase").length;
  const keepsWords = (pair: QuestionPair) => pair.kind === "paraphrase" && pair.keepsWords === true;
  const anyParaphrase = (pair: QuestionPair) => pair.kind === "paraphrase";
  const lines = [
    `Calibration set: ${pairs.length} pairs (${paraphrases} paraphrases, ${pairs.length - paraphrases} near misses; English, Spanish, mixed)`,
    `Lexical path (default ${defaultBankThresholds.lexical}), recall over rephrasings that keep their words:`,
    ...[0.6, 0.7, 0.75, 0.8, 0.84, 0.9, 1].map((threshold) =>
      row(pairs, threshold, (each) => each.lexical, keepsWords),
    ),
  ];
  if (result.embedder === null) {
    lines.push("Dense path: skipped (set OLLAMA_HOST to a server with the embedding model to calibrate it)");
    return lines.join("\n");
  }
  lines.push(
    `Dense path, ${result.embedder} (default ${defaultBankThresholds.dense}; ANSWER_BANK_THRESHOLD overrides), recall over all paraphrases:`,
    ...[0.7, 0.75, 0.8, 0.82, 0.85, 0.88, 0.9, 0.92, 0.95].map((threshold) =>
      row(pairs, threshold, (each) => each.dense, anyParaphrase),
    ),
    `As served (lexical ≥ ${defaultBankThresholds.lexical} or dense ≥ threshold):`,
    ...[0.8, 0.85, 0.88, 0.9].map((threshold) =>
      row(
        pairs,
        threshold,
        (each) =>
          each.lexical >= defaultBankThresholds.lexical ? Number.POSITIVE_INFINITY : (each.dense ?? -1),
        anyParaphrase,
      ),
    ),
  );
  return lines.join("\n");
}
