import { AppError, ErrorCode } from "#shared/errors/app-error.ts";

/** Long enough for a detailed question with context; short enough to leave the model room for sources. */
export const maxQuestionCharacters = 4_000;

/** Trims a question and rejects empty or oversized ones with a message the asker can act on. */
export function checkQuestion(input: string): string {
  const question = input.replace(/\s+/g, " ").trim();
  if (question.length === 0) {
    throw new AppError(
      ErrorCode.InvalidInput,
      'The question is empty. Ask something, e.g. "How do I request time off?"',
    );
  }
  if (question.length > maxQuestionCharacters) {
    throw new AppError(
      ErrorCode.InvalidInput,
      `The question is ${question.length.toLocaleString("en-US")} characters long; the limit is ${maxQuestionCharacters.toLocaleString("en-US")}. Shorten it or ask about one thing at a time.`,
    );
  }
  return question;
}
