import type { FeedbackValue } from "#shared/db/schema.ts";
import { type AnswerActionContext, reviewRequest } from "./answer-action-context.ts";
import { clickReplies } from "./click-replies.ts";
import type { AnswerClick } from "./read-answer-click.ts";
import { tellClicker } from "./tell-clicker.ts";
import { updateAnswerMessage } from "./update-answer-message.ts";

/** 👍/👎: one vote per person; the message shows the new tally only when the vote changed. */
export async function handleFeedback(
  context: AnswerActionContext,
  click: AnswerClick,
  value: FeedbackValue,
): Promise<void> {
  const request = reviewRequest(context, click);
  const result = request
    ? await context.review.vote({ ...request, value })
    : { kind: "unavailable" as const };
  if (result.kind === "unavailable") return tellClicker(context, click, clickReplies.unavailable);
  if (!result.changed || !click.message) return;
  await updateAnswerMessage(context.client, click.message, result, { textChanged: false });
}
