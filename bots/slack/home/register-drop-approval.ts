import type { App, BlockAction, ButtonAction } from "@slack/bolt";
import type { AnswerActionContext, AnswerActionsOptions } from "../interact/answer-action-context.ts";
import { reviewRequest } from "../interact/answer-action-context.ts";
import { clickReplies } from "../interact/click-replies.ts";
import { readAnswerClick } from "../interact/read-answer-click.ts";
import { tellClicker } from "../interact/tell-clicker.ts";
import { dropApprovalActionId } from "./drop-approval-action-id.ts";

export const droppedNotice = "Dropped that approval: the answer waits for approval again.";

/**
 * "Drop" on a stale approval in the App Home: approvers only, acknowledged before any work. The
 * approval is deleted (the answer waits for approval again), and the Home is published anew.
 */
export function registerDropApproval(app: App, options: AnswerActionsOptions): void {
  const logger = options.logger.child({ component: "slack-home" });
  app.action<BlockAction<ButtonAction>>(dropApprovalActionId, async ({ ack, body, client, context }) => {
    await ack();
    const click = readAnswerClick(body, context.teamId);
    const actionContext: AnswerActionContext = { ...options, client };
    try {
      const request = reviewRequest(actionContext, click);
      const result = request ? await options.review.drop(request) : { kind: "unavailable" as const };
      const notice =
        result.kind === "unavailable"
          ? clickReplies.unavailable
          : result.kind === "not-approver"
            ? clickReplies.notApprover
            : droppedNotice;
      await tellClicker(actionContext, click, notice);
    } catch (error) {
      logger.error({ err: error, questionId: click.questionId.slice(0, 64) }, "dropping an approval failed");
      await tellClicker(actionContext, click, clickReplies.failed).catch((tellError: unknown) =>
        logger.warn({ err: tellError }, "could not tell the user the drop failed"),
      );
    }
  });
}
