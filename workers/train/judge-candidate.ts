import type { ChatModel } from "#shared/model/chat-model.ts";
import { evaluateModel } from "./evaluate-model.ts";
import type { ModelScores } from "./model-scores.ts";
import { readTestExamples } from "./test-examples.ts";

export interface Judgement {
  promote: boolean;
  reason: string;
  candidate: ModelScores;
  current: ModelScores;
}

/**
 * Candidate and current answer the frozen test split; the candidate wins only by `margin` or more
 * (noise on a few dozen questions is easily a point or two, and a swap has a cost).
 */
export async function judgeCandidate(
  chatModel: ChatModel,
  models: { candidate: string; current: string },
  datasetDir: string,
  settings: { margin: number; answerTimeoutMs: number },
): Promise<Judgement> {
  const examples = await readTestExamples(datasetDir);
  const candidate = await evaluateModel(chatModel, models.candidate, examples, settings.answerTimeoutMs);
  const current = await evaluateModel(chatModel, models.current, examples, settings.answerTimeoutMs);
  const lead = candidate.overall - current.overall;
  // A hair of tolerance: 0.62 - 0.60 is 0.0199999… in floating point.
  const promote = examples.length > 0 && lead >= settings.margin - 1e-9;
  const scores = `candidate ${candidate.overall.toFixed(3)} vs current ${current.overall.toFixed(3)} on ${examples.length} held-out questions`;
  const reason = promote
    ? `${scores}: better by ${lead.toFixed(3)} (TRAIN_PROMOTE_MARGIN ${settings.margin})`
    : `${scores}: not better by TRAIN_PROMOTE_MARGIN ${settings.margin}; the current model stays`;
  return { promote, reason, candidate, current };
}
