import type { Reply } from "#shared/platform/platform.ts";
import type { AnsweredQuestion } from "./load-answered-question.ts";
import { reviewStateOf } from "./review-state-of.ts";

/** The answer as it should be shown now: the corrected text, if any, and the review state. */
export function reviewedReply(loaded: AnsweredQuestion): Reply {
  return {
    text: loaded.approval?.correctedText ?? loaded.answer.text,
    mode: loaded.answer.mode,
    model: loaded.answer.model,
    sources: loaded.answer.sources,
    review: reviewStateOf(loaded.approval, loaded.tally),
  };
}
