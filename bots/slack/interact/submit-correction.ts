import { recordApproval } from "#shared/db/feedback-repository.ts";
import type { AnswerActionContext } from "./answer-action-context.ts";
import { clickReplies } from "./click-replies.ts";
import type { CorrectionTarget } from "./correction-target.ts";
import { loadForReview } from "./load-for-review.ts";
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
  const access = await loadForReview(context, { teamId, userId, questionId: target.questionId });
  if (access.kind === "unavailable") return tellClicker(context, who, clickReplies.unavailable);
  if (access.kind === "not-approver") return tellClicker(context, who, clickReplies.notApprover);
  const { approval } = await recordApproval(context.database, {
    questionId: access.loaded.question.id,
    approvedBy: userId,
    correctedText: submission.text,
  });
  if (!target.message) {
    await context.publishHome({ client: context.client, teamId, userId });
    return;
  }
  await updateAnswerMessage(
    context.client,
    target.message,
    { ...access.loaded, approval },
    { textChanged: true },
  );
}
