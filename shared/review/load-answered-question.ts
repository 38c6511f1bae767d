import { and, eq } from "drizzle-orm";
import type { Db } from "#shared/db/database.ts";
import { type FeedbackTally, feedbackTally, getApproval } from "#shared/db/feedback-repository.ts";
import { getAnswer } from "#shared/db/question-repository.ts";
import { type AnswerRow, type ApprovalRow, type QuestionRow, questions } from "#shared/db/schema.ts";

/** Everything an answer message shows on any platform, read back from the database. */
export interface AnsweredQuestion {
  question: QuestionRow;
  answer: AnswerRow;
  approval: ApprovalRow | undefined;
  tally: FeedbackTally;
}

// Sabio's question ids are UUIDs; anything much longer did not come from one of its buttons.
const maxIdLength = 64;

/**
 * Loads a question a button refers to, but only within the clicking team's workspace: a button value
 * is not signed data Sabio chose, so an id from elsewhere is treated as unknown.
 */
export async function loadAnsweredQuestion(
  db: Db,
  workspaceId: string,
  questionId: string,
): Promise<AnsweredQuestion | undefined> {
  if (questionId === "" || questionId.length > maxIdLength) return undefined;
  const [question] = await db
    .select()
    .from(questions)
    .where(and(eq(questions.id, questionId), eq(questions.workspaceId, workspaceId)));
  if (!question) return undefined;
  const [answer, approval, tally] = await Promise.all([
    getAnswer(db, questionId),
    getApproval(db, questionId),
    feedbackTally(db, questionId),
  ]);
  return answer ? { question, answer, approval, tally } : undefined;
}
