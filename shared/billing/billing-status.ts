/**
 * A workspace's billing status as Sabio shows it. "off": no STRIPE_SECRET_KEY on this server;
 * "none": no subscription (a local trial may still run); the rest follow the Stripe subscription.
 */
export const billingStatuses = ["off", "none", "trialing", "active", "past_due", "canceled"] as const;
export type BillingStatus = (typeof billingStatuses)[number];

/**
 * Stripe's subscription status in Sabio's words. Stripe has more words than Sabio needs:
 * - `unpaid` (retries exhausted, invoices still open): canceled — Stripe says to revoke access then;
 *   the subscription still exists, so the admin pays in the Customer Portal.
 * - `paused` (a trial ended without a payment method): canceled, fixed in the Portal the same way.
 * - `incomplete` (first payment being confirmed, up to 23 h) and `incomplete_expired` (it never
 *   was): none — as if there were no subscription; the local trial rules still apply.
 * - A deleted subscription is `canceled`; anything unknown reads none (never answers for free).
 */
export function billingStatusOf(stripeStatus: string | null | undefined): Exclude<BillingStatus, "off"> {
  switch (stripeStatus) {
    case "trialing":
    case "active":
    case "past_due":
    case "canceled":
      return stripeStatus;
    case "unpaid":
    case "paused":
      return "canceled";
    default:
      return "none";
  }
}

/**
 * Whether the admin's fix is the Customer Portal (a subscription still stands: trialing, active,
 * past_due, unpaid, paused) or a new Checkout (none yet, canceled, or a first payment that never
 * went through: incomplete subscriptions expire on their own within a day).
 */
export function hasLiveSubscription(
  stripeStatus: string | null | undefined,
  subscriptionId: string | null,
): boolean {
  if (!subscriptionId || !stripeStatus) return false;
  return !endedStatuses.has(stripeStatus);
}

const endedStatuses: ReadonlySet<string> = new Set(["canceled", "incomplete", "incomplete_expired"]);
