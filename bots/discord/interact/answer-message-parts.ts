import type { APIActionRowComponent, APIButtonComponent } from "discord.js";
import type { Reviewed } from "#shared/review/review-results.ts";
import { answerButtons } from "./answer-buttons.ts";
import { reviewLine } from "./review-line.ts";

/** One Discord message of an answer: what an edit of the clicked message sends. */
export interface AnswerMessagePart {
  content: string;
  components: APIActionRowComponent<APIButtonComponent>[];
}

// Interim rendering until bots/discord/format/ lands: the answer text, one state line, the buttons.
const maxContent = 2_000;

export function answerMessageParts(reviewed: Pick<Reviewed, "questionId" | "reply">): AnswerMessagePart[] {
  const { reply, questionId } = reviewed;
  const state = reviewLine(reply.review);
  const room = maxContent - (state === "" ? 0 : state.length + 2);
  const text = reply.text.length > room ? `${reply.text.slice(0, room - 1)}…` : reply.text;
  return [{ content: state === "" ? text : `${text}\n\n${state}`, components: [answerButtons(questionId)] }];
}
