import { and, eq, ne, sql } from "drizzle-orm";
import { AppError, ErrorCode } from "../errors/app-error.ts";
import type { Db } from "./database.ts";
import { recordAnswer } from "./question-repository.ts";
import { type NewAnswerRow, type ReplyRow, replies } from "./schema.ts";

/** What an attempt finds when it takes a question's reply. */
export type ReplyClaim =
  | { kind: "finished" }
  /** The attempt owns the reply now; `previous` is the handle an earlier attempt left, if any. */
  | { kind: "owned"; previous: Record<string, unknown> | null };

/**
 * Makes `owner` (one attempt of one job) the writer of the question's reply. An earlier attempt's
 * open reply is taken over, whoever and wherever it was: its handle comes back so the new attempt
 * finishes that same message. A finished reply is never reopened.
 */
export async function claimReply(
  db: Db,
  claim: { questionId: string; platform: string; owner: string },
): Promise<ReplyClaim> {
  const rows = await db
    .insert(replies)
    .values({ questionId: claim.questionId, platform: claim.platform, owner: claim.owner })
    .onConflictDoUpdate({
      target: replies.questionId,
      set: { owner: claim.owner, state: "open", updatedAt: sql`now()` },
      setWhere: ne(replies.state, "finished"),
    })
    .returning({ handle: replies.handle });
  const row = rows[0];
  if (!row) return { kind: "finished" };
  return { kind: "owned", previous: row.handle ?? null };
}

/** Stores the reply's platform handle, if `owner` still owns it; false when another attempt took over. */
export async function recordReplyHandle(
  db: Db,
  update: { questionId: string; owner: string; handle: Record<string, unknown> },
): Promise<boolean> {
  const rows = await db
    .update(replies)
    .set({ handle: update.handle, updatedAt: sql`now()` })
    .where(and(eq(replies.questionId, update.questionId), eq(replies.owner, update.owner)))
    .returning({ questionId: replies.questionId });
  return rows.length > 0;
}

/**
 * The answer and its finished reply in one transaction: a failure leaves neither, so the retry
 * finds the reply open and rewrites the same message rather than posting a second answer.
 * Throws (retryable) when another attempt took the reply over meanwhile.
 */
export async function finishReply(
  db: Db,
  finished: { owner: string; messageIds: string[]; answer: NewAnswerRow },
): Promise<void> {
  await db.transaction(async (transaction) => {
    const rows = await transaction
      .update(replies)
      .set({ state: "finished", messageIds: finished.messageIds, updatedAt: sql`now()` })
      .where(and(eq(replies.questionId, finished.answer.questionId), eq(replies.owner, finished.owner)))
      .returning({ questionId: replies.questionId });
    if (rows.length === 0) {
      throw new AppError(
        ErrorCode.Internal,
        `Another attempt took over the reply to question ${finished.answer.questionId}`,
        { retryable: false },
      );
    }
    await recordAnswer(transaction as unknown as Db, finished.answer);
  });
}

/** Marks an owned reply failed (the asker was told); a later attempt may still take it over. */
export async function failReply(db: Db, failed: { questionId: string; owner: string }): Promise<void> {
  await db
    .update(replies)
    .set({ state: "failed", updatedAt: sql`now()` })
    .where(and(eq(replies.questionId, failed.questionId), eq(replies.owner, failed.owner)));
}

export async function getReply(db: Db, questionId: string): Promise<ReplyRow | undefined> {
  const [row] = await db.select().from(replies).where(eq(replies.questionId, questionId));
  return row;
}
