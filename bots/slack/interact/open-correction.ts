import { type AnswerActionContext, reviewRequest } from "./answer-action-context.ts";
import { clickReplies } from "./click-replies.ts";
import { correctionModal } from "./correction-modal.ts";
import type { AnswerClick } from "./read-answer-click.ts";
import { tellClicker } from "./tell-clicker.ts";

/** Correct & approve, step one: approvers get a modal with the current text (trigger ids live 3 s). */
export async function openCorrection(context: AnswerActionContext, click: AnswerClick): Promise<void> {
  const request = reviewRequest(context, click);
  const result = request ? await context.review.startCorrection(request) : { kind: "unavailable" as const };
  if (result.kind === "unavailable") return tellClicker(context, click, clickReplies.unavailable);
  if (result.kind === "not-approver") return tellClicker(context, click, clickReplies.notApprover);
  const target = { questionId: result.questionId, ...(click.message ? { message: click.message } : {}) };
  await context.client.views.open({
    trigger_id: click.triggerId,
    view: correctionModal(target, result.question, result.currentText),
  });
}
