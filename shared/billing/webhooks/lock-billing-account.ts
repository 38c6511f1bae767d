import { type AnyColumn, eq } from "drizzle-orm";
import type { Db } from "#shared/db/database.ts";
import { type BillingAccountRow, billingAccounts, workspaces } from "#shared/db/schema.ts";

/** How an event names its workspace: Stripe's ids first, Sabio's own metadata last. */
export interface BillingAccountKeys {
  customerId?: string | null | undefined;
  subscriptionId?: string | null | undefined;
  /** Only claims an account that has no customer yet, or this one. */
  workspaceId?: string | null | undefined;
}

/**
 * The billing account an event is about, locked for the rest of the transaction so two events for
 * one workspace apply one after the other (the later reads what the earlier wrote).
 */
export async function lockBillingAccount(
  tx: Db,
  keys: BillingAccountKeys,
): Promise<BillingAccountRow | undefined> {
  const byColumn = async (column: AnyColumn, value: string) =>
    (await tx.select().from(billingAccounts).where(eq(column, value)).for("update"))[0];
  if (keys.customerId) {
    const account = await byColumn(billingAccounts.customerId, keys.customerId);
    if (account) return account;
  }
  if (keys.subscriptionId) {
    const account = await byColumn(billingAccounts.subscriptionId, keys.subscriptionId);
    if (account) return account;
  }
  if (keys.workspaceId) {
    const account = await byColumn(billingAccounts.workspaceId, keys.workspaceId);
    if (account && (!account.customerId || account.customerId === keys.customerId)) return account;
  }
  return undefined;
}

/**
 * The account of a workspace Sabio knows (a billing row, or a workspace row to make one for), locked;
 * undefined for a workspace id nobody here has heard of.
 */
export async function lockWorkspaceBillingAccount(
  tx: Db,
  workspaceId: string,
): Promise<BillingAccountRow | undefined> {
  const locked = async () =>
    (
      await tx
        .select()
        .from(billingAccounts)
        .where(eq(billingAccounts.workspaceId, workspaceId))
        .for("update")
    )[0];
  const existing = await locked();
  if (existing) return existing;
  const [known] = await tx
    .select({ id: workspaces.id })
    .from(workspaces)
    .where(eq(workspaces.id, workspaceId));
  if (!known) return undefined;
  await tx
    .insert(billingAccounts)
    .values({ workspaceId })
    .onConflictDoNothing({ target: billingAccounts.workspaceId });
  return locked();
}
