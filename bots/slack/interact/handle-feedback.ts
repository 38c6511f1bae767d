import { recordFeedback } from "#shared/db/feedback-repository.ts";
import type { FeedbackValue } from "#shared/db/schema.ts";
import type { AnswerActionContext } from "./answer-action-context.ts";
import { clickReplies } from "./click-replies.ts";
import { loadAnsweredQuestion } from "./load-answered-question.ts";
import type { AnswerClick } from "./read-answer-click.ts";
import { tellClicker } from "./tell-clicker.ts";
import { updateAnswerMessage } from "./update-answer-message.ts";

/** 👍/👎: one vote per person; the message shows the new tally only when the vote changed. */
export async function handleFeedback(
  context: AnswerActionContext,
  click: AnswerClick,
  value: FeedbackValue,
): Promise<void> {
  const workspaceId = context.workspaceFor(click.teamId);
  const loaded =
    workspaceId === undefined
      ? undefined
      : await loadAnsweredQuestion(context.database, workspaceId, click.questionId);
  if (!loaded) {
    await tellClicker(context, click, clickReplies.unavailable);
    return;
  }
  const { changed, tally } = await recordFeedback(context.database, {
    questionId: loaded.question.id,
    userId: click.userId,
    value,
  });
  if (!changed || !click.message) return;
  await updateAnswerMessage(context.client, click.message, { ...loaded, tally }, { textChanged: false });
}
