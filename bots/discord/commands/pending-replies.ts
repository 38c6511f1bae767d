import type { Db } from "#shared/db/database.ts";
import { pendingApprovals } from "#shared/db/pending-approvals.ts";
import type { ReviewState } from "#shared/platform/platform.ts";
import type { AnswerMessagePart } from "../interact/answer-message-parts.ts";
import { pendingAnswerMessage } from "../interact/pending-answer-message.ts";
import { sabioCommandTexts } from "./sabio-command-texts.ts";

/** Each item is its own ephemeral message (its buttons update it); Discord allows 5 follow-ups. */
export const maxPendingListed = 5;

/**
 * The `/sabio pending` messages: model-written answers nobody approved yet, newest first, each
 * with its buttons; the first says how many there are when more wait than are shown.
 */
export async function pendingReplies(
  database: Db,
  workspaceId: string,
  reviewState: (questionId: string) => Promise<ReviewState | undefined>,
): Promise<AnswerMessagePart[]> {
  const pending = await pendingApprovals(database, workspaceId, maxPendingListed + 1);
  if (pending.length === 0) return [{ content: sabioCommandTexts.nothingPending, components: [] }];
  const shown = pending.slice(0, maxPendingListed);
  const states = await Promise.all(shown.map((item) => reviewState(item.questionId)));
  const parts = shown.map((item, index) =>
    pendingAnswerMessage({
      questionId: item.questionId,
      question: item.question,
      answer: item.answer,
      review: states[index],
    }),
  );
  const heading =
    pending.length > maxPendingListed
      ? `**Answers waiting for review** (the newest ${maxPendingListed}; more are waiting):`
      : `**Answers waiting for review** (${shown.length}):`;
  const [first, ...rest] = parts;
  return first ? [{ ...first, content: `${heading}\n\n${first.content}` }, ...rest] : parts;
}
