import { eq } from "drizzle-orm";
import { ensureBillingAccount } from "#shared/billing/billing-account-repository.ts";
import type { Db } from "#shared/db/database.ts";
import { billingAccounts } from "#shared/db/schema.ts";
import { stripeId } from "#test/stand-ins/stripe/stripe-account.ts";
import { type SignedStripeEvent, signedStripeEvent } from "#test/stand-ins/stripe/stripe-webhook-events.ts";

/** A workspace in its subscription's trial, and Stripe's signed warning that the trial ends soon. */
export interface TrialingWorkspace {
  ids: { customer: string; subscription: string };
  /** `customer.subscription.trial_will_end` for that subscription, signed with the given secret. */
  trialWillEnd: SignedStripeEvent;
}

/**
 * Gives `workspaceId` a billing account on a new trialing Stripe subscription (as a completed
 * Checkout leaves it) and signs the `trial_will_end` Stripe would send for it, ending at
 * `trialEnd` (Unix seconds).
 */
export async function trialingWorkspace(
  db: Db,
  workspaceId: string,
  options: { secret: string; trialEnd: number },
): Promise<TrialingWorkspace> {
  const ids = { customer: stripeId("cus"), subscription: stripeId("sub") };
  await ensureBillingAccount(db, workspaceId, { now: new Date(), trialDays: 14 });
  await db
    .update(billingAccounts)
    .set({ customerId: ids.customer, subscriptionId: ids.subscription, subscriptionStatus: "trialing" })
    .where(eq(billingAccounts.workspaceId, workspaceId));
  const trialWillEnd = signedStripeEvent({
    type: "customer.subscription.trial_will_end",
    secret: options.secret,
    object: {
      id: ids.subscription,
      object: "subscription",
      customer: ids.customer,
      status: "trialing",
      trial_end: options.trialEnd,
      items: { object: "list", data: [{ id: stripeId("si"), current_period_end: options.trialEnd }] },
    },
  });
  return { ids, trialWillEnd };
}
