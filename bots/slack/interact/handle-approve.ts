import { recordApproval } from "#shared/db/feedback-repository.ts";
import type { AnswerActionContext } from "./answer-action-context.ts";
import { clickReplies } from "./click-replies.ts";
import { loadForReview } from "./load-for-review.ts";
import type { AnswerClick } from "./read-answer-click.ts";
import { tellClicker } from "./tell-clicker.ts";
import { updateAnswerMessage } from "./update-answer-message.ts";

/** Approve: approvers only; the message (or the Home) then shows who approved. */
export async function handleApprove(context: AnswerActionContext, click: AnswerClick): Promise<void> {
  const access = await loadForReview(context, click);
  if (access.kind === "unavailable") return tellClicker(context, click, clickReplies.unavailable);
  if (access.kind === "not-approver") return tellClicker(context, click, clickReplies.notApprover);
  const { approval, changed } = await recordApproval(context.database, {
    questionId: access.loaded.question.id,
    approvedBy: click.userId,
  });
  if (!changed) return tellClicker(context, click, clickReplies.alreadyApproved(approval.approvedBy));
  if (!click.message) {
    await context.publishHome({ client: context.client, teamId: click.teamId, userId: click.userId });
    return;
  }
  await updateAnswerMessage(
    context.client,
    click.message,
    { ...access.loaded, approval },
    { textChanged: false },
  );
}
