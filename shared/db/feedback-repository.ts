import { eq, sql } from "drizzle-orm";
import type { PlatformUser } from "#shared/platform/platform.ts";
import type { Db } from "./database.ts";
import { excluded } from "./excluded.ts";
import { type ApprovalPin, type ApprovalRow, approvals, type FeedbackValue, feedback } from "./schema.ts";

export interface FeedbackTally {
  up: number;
  down: number;
}

/**
 * Records one person's 👍/👎 on an answer. Clicking the same button again changes nothing; the
 * other button replaces the vote. Returns whether anything changed (so a UI can skip an update).
 * The voter is (platform, user id): a Slack and a Discord id that look alike are two people.
 */
export async function recordFeedback(
  db: Db,
  vote: { questionId: string; voter: PlatformUser; value: FeedbackValue },
): Promise<{ changed: boolean; tally: FeedbackTally }> {
  const rows = await db
    .insert(feedback)
    .values({
      questionId: vote.questionId,
      platform: vote.voter.platform,
      userId: vote.voter.userId,
      value: vote.value,
    })
    .onConflictDoUpdate({
      target: [feedback.questionId, feedback.platform, feedback.userId],
      set: { value: excluded(feedback.value), updatedAt: sql`now()` },
      setWhere: sql`${feedback.value} is distinct from ${excluded(feedback.value)}`,
    })
    .returning({ questionId: feedback.questionId });
  return { changed: rows.length > 0, tally: await feedbackTally(db, vote.questionId) };
}

export async function feedbackTally(db: Db, questionId: string): Promise<FeedbackTally> {
  const rows = await db
    .select({ value: feedback.value, count: sql<number>`count(*)::int` })
    .from(feedback)
    .where(eq(feedback.questionId, questionId))
    .groupBy(feedback.value);
  return {
    up: rows.find((row) => row.value === "up")?.count ?? 0,
    down: rows.find((row) => row.value === "down")?.count ?? 0,
  };
}

/**
 * Approves an answer, optionally with corrected text, pinned to the documents it stands on. The
 * first approver is kept; a later "correct & approve" replaces the text (pins kept: the sources
 * still stand). A repeated plain approval changes nothing.
 *
 * `repin` (a re-approval of a stale approval) replaces the pins and the approver: the approval now
 * vouches for content the first approver never saw, so the person who checked it against the
 * changed documents is the one it names (and the answer bank shows).
 */
export async function recordApproval(
  db: Db,
  approval: {
    questionId: string;
    approver: PlatformUser;
    correctedText?: string | null;
    pins?: ApprovalPin[];
    repin?: boolean;
  },
): Promise<{ approval: ApprovalRow; changed: boolean }> {
  const corrected = approval.correctedText ?? null;
  const pins = approval.pins ?? [];
  const inserted = await db
    .insert(approvals)
    .values({
      questionId: approval.questionId,
      approvedByPlatform: approval.approver.platform,
      approvedBy: approval.approver.userId,
      correctedText: corrected,
      pins,
    })
    .onConflictDoNothing({ target: approvals.questionId })
    .returning();
  const first = inserted[0];
  if (first) return { approval: first, changed: true };
  if (approval.repin || corrected !== null) {
    const [updated] = await db
      .update(approvals)
      .set({
        ...(corrected === null ? {} : { correctedText: corrected }),
        ...(approval.repin
          ? {
              pins,
              pinnedAt: sql`now()`,
              approvedByPlatform: approval.approver.platform,
              approvedBy: approval.approver.userId,
            }
          : {}),
        updatedAt: sql`now()`,
      })
      .where(eq(approvals.questionId, approval.questionId))
      .returning();
    if (updated) return { approval: updated, changed: true };
  }
  const existing = await getApproval(db, approval.questionId);
  if (!existing) throw new Error(`approval for ${approval.questionId} vanished`);
  return { approval: existing, changed: false };
}

/** Drops an approval (an approver decided a stale one no longer holds); false when there was none. */
export async function deleteApproval(db: Db, questionId: string): Promise<boolean> {
  const rows = await db
    .delete(approvals)
    .where(eq(approvals.questionId, questionId))
    .returning({ questionId: approvals.questionId });
  return rows.length > 0;
}

export async function getApproval(db: Db, questionId: string): Promise<ApprovalRow | undefined> {
  const [row] = await db.select().from(approvals).where(eq(approvals.questionId, questionId));
  return row;
}
