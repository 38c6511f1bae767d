import type { AnswerActionContext } from "./answer-action-context.ts";
import { clickReplies } from "./click-replies.ts";
import { correctionModal } from "./correction-modal.ts";
import { loadForReview } from "./load-for-review.ts";
import type { AnswerClick } from "./read-answer-click.ts";
import { tellClicker } from "./tell-clicker.ts";

/** Correct & approve, step one: approvers get a modal with the current text (trigger ids live 3 s). */
export async function openCorrection(context: AnswerActionContext, click: AnswerClick): Promise<void> {
  const access = await loadForReview(context, click);
  if (access.kind === "unavailable") return tellClicker(context, click, clickReplies.unavailable);
  if (access.kind === "not-approver") return tellClicker(context, click, clickReplies.notApprover);
  const { question, answer, approval } = access.loaded;
  const target = { questionId: question.id, ...(click.message ? { message: click.message } : {}) };
  await context.client.views.open({
    trigger_id: click.triggerId,
    view: correctionModal(target, question.text, approval?.correctedText ?? answer.text),
  });
}
