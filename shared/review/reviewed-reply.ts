import { servedRecordSchema } from "#shared/answers/served-record.ts";
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
    ...notCoveredOf(loaded.answer.served),
    ...approvedByOf(loaded.answer.served),
    review: reviewStateOf(loaded.approval, loaded.tally),
  };
}

/** A "not covered" answer keeps its related pages when shown again (they live in the served record). */
function notCoveredOf(served: unknown): Pick<Reply, "notCovered"> {
  const gate = servedRecordSchema.shape.gate.safeParse((served as { gate?: unknown } | null)?.gate);
  if (!gate.success || !gate.data || gate.data.covered) return {};
  return { notCovered: { related: gate.data.related ?? [] } };
}

/** A reused approved answer keeps its "Approved answer, by …" label when shown again (after a vote). */
function approvedByOf(served: unknown): Pick<Reply, "approvedBy"> {
  const approved = servedRecordSchema.shape.approved.safeParse(
    (served as { approved?: unknown } | null)?.approved,
  );
  if (!approved.success || !approved.data) return {};
  return {
    approvedBy: { platform: approved.data.approvedByPlatform ?? "slack", userId: approved.data.approvedBy },
  };
}
