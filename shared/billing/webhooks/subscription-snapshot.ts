import type { StripeSubscriptionPayload } from "./stripe-event-payloads.ts";

/** What billing keeps of a Stripe subscription. */
export interface SubscriptionSnapshot {
  subscriptionId: string;
  customerId: string;
  /** Stripe's word; a deleted subscription is `canceled`. */
  status: string;
  itemId: string | null;
  /** The seat item's quantity as Stripe has it (a change made in the dashboard included). */
  quantity: number | null;
  trialEndsAt: Date | null;
  currentPeriodEnd: Date | null;
  /** `metadata.workspace_id`, set by Sabio's Checkout: finds the workspace before its customer is known. */
  workspaceId: string | null;
}

export function subscriptionSnapshot(
  subscription: StripeSubscriptionPayload,
  options: { deleted?: boolean } = {},
): SubscriptionSnapshot {
  // One licensed per-seat price: the subscription has one item.
  const item = subscription.items.data[0];
  return {
    subscriptionId: subscription.id,
    customerId: subscription.customer,
    status: options.deleted ? "canceled" : subscription.status,
    itemId: item?.id ?? null,
    quantity: item?.quantity ?? null,
    trialEndsAt: secondsToDate(subscription.trial_end),
    currentPeriodEnd: secondsToDate(item?.current_period_end),
    workspaceId: subscription.metadata?.workspace_id ?? null,
  };
}

function secondsToDate(seconds: number | null | undefined): Date | null {
  return seconds === null || seconds === undefined ? null : new Date(seconds * 1000);
}
