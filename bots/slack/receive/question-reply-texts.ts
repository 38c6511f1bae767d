import { maxQuestionLength } from "./normalize-slack-question.ts";

/** Short lines the receiving side posts itself; answers come from the answer worker. */

/** Shown in the thread while the answer worker runs (`assistant.threads.setStatus`). */
export const workingStatus = "is looking through your docs…";

/** The reaction that says "seen, working on it" on the question itself. */
export const seenReaction = "eyes";

export function helpText(botUserId: string | undefined): string {
  const me = botUserId ? `<@${botUserId}>` : "me";
  return [
    `Ask ${me} a question about your team's docs, e.g. _${botUserId ? `<@${botUserId}> ` : ""}how do I request vacation days?_`,
    "I'll answer here in the thread with links to my sources. Follow-up questions in the thread don't need a mention.",
  ].join("\n");
}

export function tooLongText(length: number): string {
  return `That message is ${length.toLocaleString("en-US")} characters long; I can take questions of up to ${maxQuestionLength.toLocaleString("en-US")}. Please ask a shorter question.`;
}

/**
 * Redis was down, so the question was saved in the database; it is answered once Redis is back.
 * Slack does not resend after our 200, so asking again is neither needed nor wanted.
 */
export const keptText =
  "Got your question. I'm catching up and will answer here shortly; no need to ask again.";

/** Neither the queue nor the database could take the question. */
export const unavailableText = "Sorry, I can't take questions right now. Please try again in a minute.";
