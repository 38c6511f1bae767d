import type { ReviewState } from "#shared/platform/platform.ts";
import { plainDiscordText } from "../commands/plain-discord-text.ts";
import { answerButtons } from "./answer-buttons.ts";
import type { AnswerMessagePart } from "./answer-message-parts.ts";
import { reviewLine } from "./review-line.ts";

const maxQuestion = 300;
const maxExcerpt = 1_200;

/**
 * One answer waiting for review, as `/sabio pending` shows it (ephemeral): the question, the
 * start of the answer quoted, its state and the buttons (Drop too on a stale approval). A click on
 * it re-renders it the same way.
 */
export function pendingAnswerMessage(item: {
  questionId: string;
  question: string;
  answer: string;
  review: ReviewState | undefined;
  droppable?: boolean;
}): AnswerMessagePart {
  const question = shorten(item.question.replace(/\s+/g, " ").trim(), maxQuestion);
  const excerpt = shorten(item.answer.trim(), maxExcerpt)
    .split("\n")
    .map((line) => `> ${line}`)
    .join("\n");
  const state = reviewLine(item.review);
  return {
    content: [`**Question:** ${plainDiscordText(question)}`, excerpt, ...(state ? [state] : [])].join("\n"),
    components: [answerButtons(item.questionId, { approved: false, droppable: item.droppable ?? false })],
  };
}

function shorten(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
