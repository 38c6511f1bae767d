import { desc, eq, sql } from "drizzle-orm";
import type { Db } from "#shared/db/database.ts";
import { modelPromotions } from "#shared/db/schema.ts";

/**
 * The workspace's promoted chat model, or null for the default (CHAT_MODEL). The answer worker
 * reads this per question, so a promotion or rollback applies to the next question without a restart.
 */
export async function currentModel(db: Db, workspaceId: string): Promise<string | null> {
  const [latest] = await db
    .select({ model: modelPromotions.model })
    .from(modelPromotions)
    .where(eq(modelPromotions.workspaceId, workspaceId))
    .orderBy(desc(modelPromotions.createdAt), desc(modelPromotions.id))
    .limit(1);
  return latest?.model ?? null;
}

// clock_timestamp, not now(): the history is ordered by it, and now() is fixed per transaction.

/** Makes `model` current, remembering the one it replaces for a rollback. */
export async function promoteModel(
  db: Db,
  workspaceId: string,
  model: string,
): Promise<{ previous: string | null }> {
  return db.transaction(async (tx) => {
    const previous = await currentModel(tx as unknown as Db, workspaceId);
    await tx
      .insert(modelPromotions)
      .values({ workspaceId, model, previous, action: "promote", createdAt: sql`clock_timestamp()` });
    return { previous };
  });
}

/**
 * Restores the model the current one replaced (the default when there was none). Walks the history
 * like a stack: promote A, promote B, rollback → A, rollback → default.
 */
export async function rollbackModel(
  db: Db,
  workspaceId: string,
): Promise<{ from: string | null; to: string | null }> {
  return db.transaction(async (tx) => {
    const rows = await tx
      .select()
      .from(modelPromotions)
      .where(eq(modelPromotions.workspaceId, workspaceId))
      .orderBy(desc(modelPromotions.createdAt), desc(modelPromotions.id));
    const from = rows[0]?.model ?? null;
    const to = restoredBy(rows);
    await tx.insert(modelPromotions).values({
      workspaceId,
      model: to,
      previous: from,
      action: "rollback",
      createdAt: sql`clock_timestamp()`,
    });
    return { from, to };
  });
}

/**
 * Replays the history newest first: each rollback undoes one promotion still in effect; the first
 * promotion not undone is the current one, and what it replaced is what a rollback restores.
 */
function restoredBy(
  rows: readonly { model: string | null; previous: string | null; action: string }[],
): string | null {
  let undone = 0;
  for (const row of rows) {
    if (row.action === "rollback") undone += 1;
    else if (undone > 0) undone -= 1;
    else return row.previous;
  }
  return null;
}

/** Every promotion and rollback of a workspace, newest first (for `sabio model list`). */
export async function modelHistory(db: Db, workspaceId: string) {
  return db
    .select()
    .from(modelPromotions)
    .where(eq(modelPromotions.workspaceId, workspaceId))
    .orderBy(desc(modelPromotions.createdAt), desc(modelPromotions.id));
}
