import type { AnswerScore } from "./score-answer.ts";

/** A model's result on the held-out split: each component's mean, and their mean (`overall`). */
export interface ModelScores {
  model: string;
  overall: number;
  citation: number | null;
  refusal: number;
  closeness: number | null;
  examples: number;
}

/** Components weigh the same: a model that cites well but never refuses must not win on citations alone. */
export function modelScores(model: string, scores: readonly AnswerScore[]): ModelScores {
  const mean = (values: (number | null)[]) => {
    const present = values.filter((value): value is number => value !== null);
    return present.length === 0 ? null : present.reduce((sum, value) => sum + value, 0) / present.length;
  };
  const citation = mean(scores.map((score) => score.citation));
  const refusal = mean(scores.map((score) => score.refusal)) ?? 0;
  const closeness = mean(scores.map((score) => score.closeness));
  const overall = mean([citation, refusal, closeness]) ?? 0;
  return {
    model,
    overall: round(overall),
    citation: roundOrNull(citation),
    refusal: round(refusal),
    closeness: roundOrNull(closeness),
    examples: scores.length,
  };
}

function round(value: number): number {
  return Math.round(value * 10_000) / 10_000;
}

function roundOrNull(value: number | null): number | null {
  return value === null ? null : round(value);
}
