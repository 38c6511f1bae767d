import Stripe from "stripe";

/** Stripe's default: a signature older than this is a replay. */
export const stripeSignatureToleranceSeconds = 300;

/** Why a delivery was refused, in words that carry neither the signature nor the body. */
export type StripeRejection = "no signature" | "stale timestamp" | "bad signature" | "not an event";

export type VerifiedStripeEvent = { ok: true; event: Stripe.Event } | { ok: false; reason: StripeRejection };

/**
 * Checks the `Stripe-Signature` header against the body exactly as it arrived (a re-serialised body
 * signs differently) and its age against `nowMilliseconds` (at most 300 s old).
 */
export function verifyStripeEvent(
  rawBody: Uint8Array,
  signature: string | undefined,
  secret: string,
  nowMilliseconds: number = Date.now(),
): VerifiedStripeEvent {
  if (!signature) return { ok: false, reason: "no signature" };
  let event: Stripe.Event;
  try {
    event = Stripe.webhooks.constructEvent(
      Buffer.from(rawBody),
      signature,
      secret,
      stripeSignatureToleranceSeconds,
      undefined,
      nowMilliseconds,
    );
  } catch (error) {
    // Stripe's messages are diagnostic prose; the reason is all the log needs.
    const message = error instanceof Error ? error.message : "";
    return { ok: false, reason: /tolerance/i.test(message) ? "stale timestamp" : "bad signature" };
  }
  if (typeof event?.id !== "string" || typeof event.type !== "string" || typeof event.created !== "number")
    return { ok: false, reason: "not an event" };
  return { ok: true, event };
}
