import { and, eq, sql } from "drizzle-orm";
import type { Db } from "#shared/db/database.ts";
import { billingAccounts } from "#shared/db/schema.ts";
import { countSeats } from "./count-seats.ts";
import { seatIdempotencyKey } from "./seat-idempotency-key.ts";
import type { SeatQuantityProvider } from "./seat-quantity-provider.ts";

export interface SyncSeatsDependencies {
  db: Db;
  provider: SeatQuantityProvider;
  now: () => Date;
}

export type SeatSyncOutcome =
  | { kind: "no-subscription" }
  | { kind: "unchanged"; seats: number }
  | { kind: "updated"; seats: number; previous: number | null; seatVersion: number };

/** Stripe refuses to change an ended subscription; a new Checkout starts over from the count. */
const endedStatuses = new Set(["canceled", "incomplete_expired"]);

/**
 * Makes the subscription item's quantity the active seat count, if it changed. The version is
 * bumped only after Stripe accepted the update, so a retry (5xx, crash) sends the same key.
 */
export async function syncSeats(
  dependencies: SyncSeatsDependencies,
  workspaceId: string,
): Promise<SeatSyncOutcome> {
  const { db } = dependencies;
  const [account] = await db
    .select()
    .from(billingAccounts)
    .where(eq(billingAccounts.workspaceId, workspaceId));
  if (!account?.subscriptionItemId || endedStatuses.has(account.subscriptionStatus ?? "")) {
    return { kind: "no-subscription" };
  }
  const now = dependencies.now();
  const seats = await countSeats(db, workspaceId, now);
  if (seats === account.syncedSeats) return { kind: "unchanged", seats };
  const seatVersion = account.seatVersion + 1;
  await dependencies.provider.updateSeatQuantity({
    subscriptionItemId: account.subscriptionItemId,
    quantity: seats,
    idempotencyKey: seatIdempotencyKey(workspaceId, seats, seatVersion),
  });
  await db
    .update(billingAccounts)
    .set({ syncedSeats: seats, seatVersion, seatsSyncedAt: now, updatedAt: sql`now()` })
    .where(
      and(eq(billingAccounts.workspaceId, workspaceId), eq(billingAccounts.seatVersion, account.seatVersion)),
    );
  return { kind: "updated", seats, previous: account.syncedSeats, seatVersion };
}
