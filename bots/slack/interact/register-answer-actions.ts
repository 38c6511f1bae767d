import type {
  AllMiddlewareArgs,
  App,
  BlockAction,
  ButtonAction,
  SlackActionMiddlewareArgs,
  ViewSubmitAction,
} from "@slack/bolt";
import type { FeedbackValue } from "#shared/db/schema.ts";
import { answerActionIds } from "../format/answer-action-ids.ts";
import type { AnswerActionContext, AnswerActionsOptions } from "./answer-action-context.ts";
import { clickReplies } from "./click-replies.ts";
import { correctionBlockId, correctionModalCallbackId, submittedCorrection } from "./correction-modal.ts";
import { parseCorrectionTarget } from "./correction-target.ts";
import { handleApprove } from "./handle-approve.ts";
import { handleFeedback } from "./handle-feedback.ts";
import { openCorrection } from "./open-correction.ts";
import { type AnswerClick, readAnswerClick } from "./read-answer-click.ts";
import { submitCorrection } from "./submit-correction.ts";
import { tellClicker } from "./tell-clicker.ts";

export type { AnswerActionsOptions } from "./answer-action-context.ts";

type ButtonArgs = SlackActionMiddlewareArgs<BlockAction<ButtonAction>> & AllMiddlewareArgs;
type ClickHandler = (context: AnswerActionContext, click: AnswerClick) => Promise<void>;

/**
 * The answer buttons (👍, 👎, Approve, Correct & approve) on answer messages and on the App Home,
 * and the correction modal. Every click is acknowledged before any database or API work: Slack
 * shows an error after 3 s and may deliver the click again. Who clicked comes from Slack's signed
 * payload; the button value only names a question, which is looked up in the clicker's workspace.
 */
export function registerAnswerActions(app: App, options: AnswerActionsOptions): void {
  const logger = options.logger.child({ component: "slack-answer-actions" });

  const onClick =
    (name: string, handle: ClickHandler) =>
    async ({ ack, body, client, context }: ButtonArgs): Promise<void> => {
      await ack();
      const click = readAnswerClick(body, context.teamId);
      const actionContext: AnswerActionContext = { ...options, client };
      try {
        await handle(actionContext, click);
      } catch (error) {
        logger.error(
          { err: error, action: name, questionId: click.questionId.slice(0, 64), userId: click.userId },
          "answer button failed",
        );
        await tellClicker(actionContext, click, clickReplies.failed).catch((tellError: unknown) =>
          logger.warn({ err: tellError }, "could not tell the user the click failed"),
        );
      }
    };
  const vote =
    (value: FeedbackValue): ClickHandler =>
    (context, click) =>
      handleFeedback(context, click, value);

  app.action<BlockAction<ButtonAction>>(answerActionIds.feedbackUp, onClick("feedback_up", vote("up")));
  app.action<BlockAction<ButtonAction>>(answerActionIds.feedbackDown, onClick("feedback_down", vote("down")));
  app.action<BlockAction<ButtonAction>>(answerActionIds.approve, onClick("approve", handleApprove));
  app.action<BlockAction<ButtonAction>>(answerActionIds.correct, onClick("correct", openCorrection));

  app.view<ViewSubmitAction>(correctionModalCallbackId, async ({ ack, body, view, client, context }) => {
    const text = submittedCorrection(view);
    if (text === "") {
      // Shown under the field; the modal stays open.
      await ack({
        response_action: "errors",
        errors: { [correctionBlockId]: "Write the corrected answer, or press Cancel to keep it as it is." },
      });
      return;
    }
    await ack();
    const target = parseCorrectionTarget(view.private_metadata);
    if (!target) {
      logger.warn({ userId: body.user.id }, "correction submitted with unreadable private_metadata");
      return;
    }
    const teamId = context.teamId ?? body.team?.id ?? body.user.team_id ?? "";
    const userId = body.user.id;
    const actionContext: AnswerActionContext = { ...options, client };
    try {
      await submitCorrection(actionContext, { teamId, userId, target, text });
    } catch (error) {
      logger.error({ err: error, questionId: target.questionId, userId }, "correction failed");
      const who = { teamId, userId, ...(target.message ? { message: target.message } : {}) };
      await tellClicker(actionContext, who, clickReplies.failed).catch((tellError: unknown) =>
        logger.warn({ err: tellError }, "could not tell the user the correction failed"),
      );
    }
  });
}
