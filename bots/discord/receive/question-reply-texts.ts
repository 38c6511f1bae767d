import { maxQuestionLength } from "./normalize-discord-question.ts";

/** Short lines the receiving side posts itself; answers come from the answer worker. */

/** The reaction that says "seen, working on it" on the question itself. */
export const seenReaction = "👀";

export function helpText(botUserId: string, messageContent: boolean): string {
  return [
    `Mention me with a question about your team's docs, e.g. <@${botUserId}> how do I request vacation days? — or use \`/ask\`.`,
    messageContent
      ? "I answer in a thread with links to my sources; follow-ups in that thread don't need a mention."
      : "I answer in a thread with links to my sources; mention me again for follow-ups.",
  ].join("\n");
}

export function tooLongText(length: number): string {
  return `That message is ${length.toLocaleString("en-US")} characters long; I can take questions of up to ${maxQuestionLength.toLocaleString("en-US")}. Please ask a shorter question.`;
}

/**
 * Posted first in a new thread when the bot runs without the Message Content intent: Discord then
 * shows it only messages that mention it, so an unmentioned follow-up would go unanswered.
 */
export const mentionForFollowUpsText =
  "I can only read messages that mention me here, so please mention me in follow-up questions.";

/** Redis was down, so the question was saved in the database; it is answered once Redis is back. */
export const keptText =
  "Got your question. I'm catching up and will answer here shortly; no need to ask again.";

/** Neither the queue nor the database could take the question. */
export const unavailableText = "Sorry, I can't take questions right now. Please try again in a minute.";
