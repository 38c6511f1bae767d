import { type AnswerActionContext, reviewRequest } from "./answer-action-context.ts";
import { clickReplies } from "./click-replies.ts";
import type { CorrectionTarget } from "./correction-target.ts";
import { tellClicker } from "./tell-clicker.ts";
import { updateAnswerMessage } from "./update-answer-message.ts";

/**
 * Correct & approve, step two (after the modal closed): the permission is checked again, since the
 * submission is a request of its own; then the corrected text is stored and shown.
 */
export async function submitCorrection(
  context: AnswerActionContext,
  submission: { teamId: string; userId: string; target: CorrectionTarget; text: string },
): Promise<void> {
  const { teamId, userId, target } = submission;
  const who = { teamId, userId, ...(target.message ? { message: target.message } : {}) };
  const request = reviewRequest(context, { teamId, userId, questionId: target.questionId });
  const result = request
    ? await context.review.correct({ ...request, text: submission.text })
    : { kind: "unavailable" as const };
  // The modal refuses an empty text before this runs; a forged submission is treated as unknown.
  if (result.kind === "unavailable" || result.kind === "empty-correction")
    return tellClicker(context, who, clickReplies.unavailable);
  if (result.kind === "not-approver") return tellClicker(context, who, clickReplies.notApprover);
  if (!target.message) {
    await context.publishHome({ client: context.client, teamId, userId });
    return;
  }
  await updateAnswerMessage(context.client, target.message, result, { textChanged: true });
}
