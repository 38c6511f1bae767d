import { and, desc, eq, gt, inArray, isNotNull, sql } from "drizzle-orm";
import { changedPinsOfMany } from "#shared/approvals/approval-pins.ts";
import type { Db } from "#shared/db/database.ts";
import { approvals, questions, trainingRuns } from "#shared/db/schema.ts";

/**
 * Approvals a run has not trained on yet: (re-)approved or corrected after the last run that trained
 * (promoted or rejected; a failed or skipped run trained on nothing), and not stale.
 */
export async function countNewApprovals(
  db: Db,
  workspaceId: string,
): Promise<{ count: number; since: Date | null }> {
  const since = await lastTrainedUntil(db, workspaceId);
  const changedAt = sql`greatest(${approvals.updatedAt}, ${approvals.pinnedAt})`;
  const rows = await db
    .select({ questionId: approvals.questionId, pins: approvals.pins })
    .from(approvals)
    .innerJoin(questions, eq(questions.id, approvals.questionId))
    .where(and(eq(questions.workspaceId, workspaceId), since ? gt(changedAt, since) : undefined));
  const changes = await changedPinsOfMany(db, rows);
  const fresh = rows.filter((row) => (changes.get(row.questionId) ?? []).length === 0);
  return { count: fresh.length, since };
}

async function lastTrainedUntil(db: Db, workspaceId: string): Promise<Date | null> {
  const [row] = await db
    .select({ until: trainingRuns.approvalsUntil })
    .from(trainingRuns)
    .where(
      and(
        eq(trainingRuns.workspaceId, workspaceId),
        inArray(trainingRuns.status, ["promoted", "rejected"]),
        isNotNull(trainingRuns.approvalsUntil),
      ),
    )
    .orderBy(desc(trainingRuns.approvalsUntil))
    .limit(1);
  return row?.until ?? null;
}
