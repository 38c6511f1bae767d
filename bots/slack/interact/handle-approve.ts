import { type AnswerActionContext, reviewRequest } from "./answer-action-context.ts";
import { clickReplies } from "./click-replies.ts";
import type { AnswerClick } from "./read-answer-click.ts";
import { tellClicker } from "./tell-clicker.ts";
import { updateAnswerMessage } from "./update-answer-message.ts";

/** Approve: approvers only; the message (or the Home) then shows who approved. */
export async function handleApprove(context: AnswerActionContext, click: AnswerClick): Promise<void> {
  const request = reviewRequest(context, click);
  const result = request ? await context.review.approve(request) : { kind: "unavailable" as const };
  if (result.kind === "unavailable") return tellClicker(context, click, clickReplies.unavailable);
  if (result.kind === "not-approver") return tellClicker(context, click, clickReplies.notApprover);
  if (result.kind === "already-approved")
    return tellClicker(context, click, clickReplies.alreadyApproved(result.by));
  if (!click.message) {
    await context.publishHome({ client: context.client, teamId: click.teamId, userId: click.userId });
    return;
  }
  await updateAnswerMessage(context.client, click.message, result, { textChanged: false });
}
