import { maxAskQuestionLength } from "./discord-command-definitions.ts";

/** What `/ask` says itself (privately) when it cannot take the question. */
export const askReplyTexts = {
  empty: "Type your question after `/ask`, e.g. `/ask question: how do I request vacation days?`",
  tooLong: (length: number) =>
    `That question is ${length.toLocaleString("en-US")} characters long; I can take questions of up to ${maxAskQuestionLength.toLocaleString("en-US")}. Please ask a shorter one.`,
  unavailable: "Sorry, I can't take questions right now. Please try again in a minute.",
} as const;
