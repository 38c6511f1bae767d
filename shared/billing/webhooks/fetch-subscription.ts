import type Stripe from "stripe";
import { stripeSubscriptionSchema } from "./stripe-event-payloads.ts";
import { type SubscriptionSnapshot, subscriptionSnapshot } from "./subscription-snapshot.ts";

/** Reads a subscription as Stripe has it now (its item id and status for a fresh Checkout). */
export type FetchSubscription = (subscriptionId: string) => Promise<SubscriptionSnapshot>;

export function stripeSubscriptionFetcher(stripe: Stripe): FetchSubscription {
  return async (subscriptionId) =>
    subscriptionSnapshot(stripeSubscriptionSchema.parse(await stripe.subscriptions.retrieve(subscriptionId)));
}
