import { eq, sql } from "drizzle-orm";
import type { Db } from "#shared/db/database.ts";
import { type BillingAccountRow, billingAccounts } from "#shared/db/schema.ts";
import type { SubscriptionSnapshot } from "./subscription-snapshot.ts";

/** What one event did to one workspace's billing row. */
export type EventEffect =
  | { kind: "unknown"; reason: string }
  | { kind: "stale"; workspaceId: string }
  | {
      kind: "applied";
      workspaceId: string;
      fromStatus: string | null;
      toStatus: string | null;
      trialEndsAt?: Date | null;
    };

/** Statuses under which a subscription still stands (a new one replaces an ended one). */
export function isLiveStatus(status: string | null): boolean {
  return status !== null && status !== "canceled" && status !== "incomplete_expired";
}

/**
 * Writes a subscription's state onto its (locked) account unless the account already holds news
 * newer than `eventAt`, or the snapshot is about an ended subscription the account does not hold.
 */
export async function applySubscriptionSnapshot(
  tx: Db,
  account: BillingAccountRow,
  snapshot: SubscriptionSnapshot,
  eventAt: Date,
): Promise<EventEffect> {
  const workspaceId = account.workspaceId;
  if (isStale(account, eventAt)) return { kind: "stale", workspaceId };
  const other = account.subscriptionId && account.subscriptionId !== snapshot.subscriptionId;
  // An ended subscription never takes the account back, even while the one replacing it still
  // waits for its status (a resubscribe's Checkout names it before customer.subscription.created).
  if (other && !isLiveStatus(snapshot.status)) return { kind: "stale", workspaceId };
  await tx
    .update(billingAccounts)
    .set({
      customerId: snapshot.customerId,
      subscriptionId: snapshot.subscriptionId,
      subscriptionItemId: snapshot.itemId ?? account.subscriptionItemId,
      // What Stripe bills now, so the seat sync compares with it (and corrects a dashboard edit).
      syncedSeats: snapshot.quantity ?? account.syncedSeats,
      subscriptionStatus: snapshot.status,
      // No trial on the subscription: the local trial's end stays as it was (it no longer decides).
      trialEndsAt: snapshot.trialEndsAt ?? account.trialEndsAt,
      currentPeriodEnd: snapshot.currentPeriodEnd ?? account.currentPeriodEnd,
      subscriptionEventAt: eventAt,
      updatedAt: sql`now()`,
    })
    .where(eq(billingAccounts.workspaceId, workspaceId));
  return { kind: "applied", workspaceId, fromStatus: account.subscriptionStatus, toStatus: snapshot.status };
}

/** Older than the newest subscription news applied (same second = not older: Stripe's clock is coarse). */
export function isStale(account: BillingAccountRow, eventAt: Date): boolean {
  return account.subscriptionEventAt !== null && eventAt.getTime() < account.subscriptionEventAt.getTime();
}
