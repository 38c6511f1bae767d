import { type ApprovalListing, listApprovals } from "#shared/approvals/approval-states.ts";
import type { Db } from "#shared/db/database.ts";
import { pendingApprovals } from "#shared/db/pending-approvals.ts";
import type { ReviewState } from "#shared/platform/platform.ts";
import { loadAnsweredQuestion } from "#shared/review/load-answered-question.ts";
import type { AnswerMessagePart } from "../interact/answer-message-parts.ts";
import { pendingAnswerMessage } from "../interact/pending-answer-message.ts";
import { plainDiscordText } from "./plain-discord-text.ts";
import { sabioCommandTexts } from "./sabio-command-texts.ts";

/** Each item is its own ephemeral message (its buttons update it); Discord allows 5 follow-ups. */
export const maxPendingListed = 5;

/**
 * The `/sabio pending` messages: approvals gone stale first (with what changed; Approve re-approves
 * them, Drop deletes them), then model-written answers nobody approved yet, newest first, each with its buttons; the
 * first says how many there are when more wait than are shown.
 */
export async function pendingReplies(
  database: Db,
  workspaceId: string,
  reviewState: (questionId: string) => Promise<ReviewState | undefined>,
): Promise<AnswerMessagePart[]> {
  const [stale, pending] = await Promise.all([
    listApprovals(database, workspaceId, { state: "stale", limit: maxPendingListed + 1 }),
    pendingApprovals(database, workspaceId, maxPendingListed + 1),
  ]);
  if (stale.length === 0 && pending.length === 0)
    return [{ content: sabioCommandTexts.nothingPending, components: [] }];
  const shownStale = stale.slice(0, maxPendingListed);
  const shownPending = pending.slice(0, maxPendingListed - shownStale.length);
  const staleParts = await Promise.all(
    shownStale.map((item) => staleMessage(database, workspaceId, item, reviewState)),
  );
  const pendingParts = await Promise.all(
    shownPending.map(async (item) =>
      pendingAnswerMessage({
        questionId: item.questionId,
        question: item.question,
        answer: item.answer,
        review: await reviewState(item.questionId),
      }),
    ),
  );
  const parts = [...staleParts.filter((part) => part !== undefined), ...pendingParts];
  const shown = parts.length;
  const more = stale.length + pending.length > shown;
  const heading = more
    ? `**Answers waiting for review** (the first ${shown}; more are waiting):`
    : `**Answers waiting for review** (${shown}):`;
  const [first, ...rest] = parts;
  return first ? [{ ...first, content: `${heading}\n\n${first.content}` }, ...rest] : parts;
}

/** A stale approval as a pending item, with what changed on top: Approve re-approves it as it stands now, Drop deletes it. */
async function staleMessage(
  database: Db,
  workspaceId: string,
  item: ApprovalListing,
  reviewState: (questionId: string) => Promise<ReviewState | undefined>,
): Promise<AnswerMessagePart | undefined> {
  const loaded = await loadAnsweredQuestion(database, workspaceId, item.questionId);
  if (!loaded) return undefined;
  const part = pendingAnswerMessage({
    questionId: item.questionId,
    question: item.question,
    answer: loaded.approval?.correctedText ?? loaded.answer.text,
    review: await reviewState(item.questionId),
    droppable: true,
  });
  const changes = item.changed
    .map(
      (change) =>
        `${plainDiscordText(change.title)} ${change.change === "removed" ? "was removed" : "changed"}`,
    )
    .join(", ");
  return {
    ...part,
    content: `⚠️ **Stale approval**: ${changes}. Approve it again as it stands now, correct it, or drop it.\n${part.content}`,
  };
}
