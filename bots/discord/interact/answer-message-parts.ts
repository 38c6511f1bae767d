import type { Reviewed } from "#shared/review/review-results.ts";
import type { DiscordMessagePart } from "../format/discord-message-part.ts";
import { renderDiscordAnswer } from "../format/render-discord-answer.ts";

/**
 * One Discord message of an answer or a `/sabio pending` item: what an edit of the clicked
 * message sends. Answers carry flags (embeds suppressed); pending items may leave them out.
 */
export type AnswerMessagePart = Omit<DiscordMessagePart, "flags"> &
  Partial<Pick<DiscordMessagePart, "flags">>;

/** The answer's messages as they stand after a review: the last one has the review line and the buttons. */
export function answerMessageParts(reviewed: Pick<Reviewed, "questionId" | "reply">): AnswerMessagePart[] {
  return renderDiscordAnswer(reviewed.reply, reviewed.questionId);
}
