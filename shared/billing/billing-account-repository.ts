import { and, eq, isNull, lt, or, sql } from "drizzle-orm";
import type { Db } from "#shared/db/database.ts";
import { type BillingAccountRow, billingAccounts } from "#shared/db/schema.ts";

const dayMs = 24 * 60 * 60 * 1000;

/**
 * The workspace's billing row, made on the first look: that moment starts its local trial
 * (`trialDays` from now; 0 = no trial). Concurrent first looks make one row and agree on it.
 */
export async function ensureBillingAccount(
  db: Db,
  workspaceId: string,
  options: { now: Date; trialDays: number },
): Promise<BillingAccountRow> {
  const trialEndsAt =
    options.trialDays > 0 ? new Date(options.now.getTime() + options.trialDays * dayMs) : null;
  const [created] = await db
    .insert(billingAccounts)
    .values({ workspaceId, trialEndsAt })
    .onConflictDoNothing({ target: billingAccounts.workspaceId })
    .returning();
  if (created) return created;
  const [existing] = await db
    .select()
    .from(billingAccounts)
    .where(eq(billingAccounts.workspaceId, workspaceId));
  if (!existing) throw new Error(`billing account ${workspaceId} vanished while being read`);
  return existing;
}

/** Remembers the Stripe customer a Checkout was made for (the webhooks find the workspace by it). */
export async function recordCustomer(db: Db, workspaceId: string, customerId: string): Promise<void> {
  await db
    .update(billingAccounts)
    .set({ customerId, updatedAt: sql`now()` })
    .where(and(eq(billingAccounts.workspaceId, workspaceId), isNull(billingAccounts.customerId)));
}

/**
 * Claims today's past-due warning: true for exactly one caller a day per workspace (a conditional
 * update, so two workers answering at once don't both warn).
 */
export async function claimPastDueWarning(db: Db, workspaceId: string, now: Date): Promise<boolean> {
  const dayAgo = new Date(now.getTime() - dayMs);
  const claimed = await db
    .update(billingAccounts)
    .set({ pastDueWarnedAt: now, updatedAt: sql`now()` })
    .where(
      and(
        eq(billingAccounts.workspaceId, workspaceId),
        or(isNull(billingAccounts.pastDueWarnedAt), lt(billingAccounts.pastDueWarnedAt, dayAgo)),
      ),
    )
    .returning({ workspaceId: billingAccounts.workspaceId });
  return claimed.length > 0;
}
