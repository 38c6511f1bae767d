import { and, eq } from "drizzle-orm";
import { AppError, ErrorCode } from "../errors/app-error.ts";
import type { Db } from "./database.ts";
import { excluded } from "./excluded.ts";
import { type AnswerRow, answers, type NewAnswerRow, type NewQuestionRow, questions } from "./schema.ts";

export interface RecordedQuestion {
  id: string;
  /** False when this (platform, event id) was already recorded: a redelivered event. */
  created: boolean;
}

/**
 * Stores a question once per (platform, event id). Chat platforms redeliver events, so the second
 * call returns the first one's id with `created: false` and the caller skips enqueueing.
 */
export async function recordQuestion(db: Db, question: NewQuestionRow): Promise<RecordedQuestion> {
  const inserted = await db
    .insert(questions)
    .values(question)
    .onConflictDoNothing({ target: [questions.platform, questions.eventId] })
    .returning({ id: questions.id });
  const row = inserted[0];
  if (row) return { id: row.id, created: true };
  // Lost the race or a redelivery: the conflicting row is committed, so this read finds it.
  const existing = await db
    .select({ id: questions.id })
    .from(questions)
    .where(and(eq(questions.platform, question.platform), eq(questions.eventId, question.eventId)));
  const found = existing[0];
  if (!found) {
    throw new AppError(
      ErrorCode.Internal,
      `Question ${question.platform}/${question.eventId} vanished after a conflict`,
      {
        retryable: true,
      },
    );
  }
  return { id: found.id, created: false };
}

/**
 * Stores the answer to a question, replacing an earlier one: a retried answer job overwrites its
 * own result. The first answer's id and creation time are kept.
 */
export async function recordAnswer(db: Db, answer: NewAnswerRow): Promise<AnswerRow> {
  const rows = await db
    .insert(answers)
    .values(answer)
    .onConflictDoUpdate({
      target: answers.questionId,
      set: {
        mode: excluded(answers.mode),
        model: excluded(answers.model),
        text: excluded(answers.text),
        sources: excluded(answers.sources),
        promptTokens: excluded(answers.promptTokens),
        completionTokens: excluded(answers.completionTokens),
        retrievalMs: excluded(answers.retrievalMs),
        generationMs: excluded(answers.generationMs),
        totalMs: excluded(answers.totalMs),
      },
    })
    .returning();
  const row = rows[0];
  if (!row)
    throw new AppError(ErrorCode.Internal, `The answer to question ${answer.questionId} was not stored`);
  return row;
}

export async function getAnswer(db: Db, questionId: string): Promise<AnswerRow | undefined> {
  const rows = await db.select().from(answers).where(eq(answers.questionId, questionId));
  return rows[0];
}
