import { asc, eq, sql } from "drizzle-orm";
import type { Db } from "./database.ts";
import { questionOutbox } from "./schema.ts";

/** A job Redis could not take when it was asked, kept until the relay queues it. */
export interface OutboxEntry {
  /** The queue's dedupe id for this job: one request is one row, and one job once queued. */
  id: string;
  queue: string;
  payload: Record<string, unknown>;
  attempts: number;
  lastError: string | null;
  createdAt: Date;
}

/**
 * Keeps a job for later. False when a row with this id is already kept: the same request
 * delivered again while Redis was down (the primary key is the dedupe then).
 */
export async function keepInOutbox(
  db: Db,
  entry: { id: string; queue: string; payload: Record<string, unknown>; lastError?: string },
): Promise<boolean> {
  const inserted = await db
    .insert(questionOutbox)
    .values({ id: entry.id, queue: entry.queue, payload: entry.payload, lastError: entry.lastError ?? null })
    .onConflictDoNothing({ target: questionOutbox.id })
    .returning({ id: questionOutbox.id });
  return inserted.length > 0;
}

/** The oldest kept jobs first, so questions reach the queue in the order they were asked. */
export async function listOutbox(db: Db, limit: number): Promise<OutboxEntry[]> {
  return db
    .select()
    .from(questionOutbox)
    .orderBy(asc(questionOutbox.createdAt), asc(questionOutbox.id))
    .limit(limit);
}

/** Called only after Redis accepted the job (or already had it). */
export async function removeFromOutbox(db: Db, id: string): Promise<void> {
  await db.delete(questionOutbox).where(eq(questionOutbox.id, id));
}

/** Counts a failed hand-over; the error message is kept for `doctor`-style inspection, no payload. */
export async function recordOutboxFailure(db: Db, id: string, error: string): Promise<void> {
  await db
    .update(questionOutbox)
    .set({ attempts: sql`${questionOutbox.attempts} + 1`, lastError: error.slice(0, 500) })
    .where(eq(questionOutbox.id, id));
}
