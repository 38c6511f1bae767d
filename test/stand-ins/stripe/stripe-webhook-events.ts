import Stripe from "stripe";
import { stripeApiVersion } from "#shared/billing/stripe/stripe-client.ts";
import { stripeId } from "./stripe-account.ts";

/** A webhook delivery as Stripe sends it: the exact body bytes and their `Stripe-Signature` header. */
export interface SignedStripeEvent {
  /** The raw JSON body: post it as is (re-serialising it breaks the signature, as with Stripe). */
  payload: string;
  signature: string;
  event: { id: string; type: string; created: number; data: { object: unknown } };
}

/**
 * Builds a Stripe event around `object` (a checkout session, subscription, invoice…) and signs it
 * with `secret` as Stripe does (`t=…,v1=…`), by stripe-node's own test helper. `timestamp`
 * (Unix seconds) is the signing time: 10 minutes ago makes a replay the check must refuse.
 */
export function signedStripeEvent(options: {
  type: string;
  object: unknown;
  secret: string;
  id?: string;
  /** The event's `created` (Unix seconds); default now. */
  created?: number;
  timestamp?: number;
  previousAttributes?: Record<string, unknown>;
}): SignedStripeEvent {
  const now = Math.floor(Date.now() / 1000);
  const event = {
    id: options.id ?? stripeId("evt"),
    object: "event",
    api_version: stripeApiVersion,
    created: options.created ?? now,
    type: options.type,
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    data: {
      object: options.object,
      ...(options.previousAttributes ? { previous_attributes: options.previousAttributes } : {}),
    },
  };
  const payload = JSON.stringify(event, null, 2);
  const signature = Stripe.webhooks.generateTestHeaderString({
    payload,
    secret: options.secret,
    timestamp: options.timestamp ?? now,
  });
  return { payload, signature, event };
}
