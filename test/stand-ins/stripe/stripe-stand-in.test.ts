import Stripe from "stripe";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createStripeBillingProvider } from "#shared/billing/stripe/stripe-billing-provider.ts";
import { createStripeClient } from "#shared/billing/stripe/stripe-client.ts";
import { AppError } from "#shared/errors/app-error.ts";
import { type StripeStandIn, startStripeStandIn } from "./stripe-stand-in.ts";
import { signedStripeEvent } from "./stripe-webhook-events.ts";

describe("Stripe stand-in with the real stripe-node client", () => {
  let stripe: StripeStandIn;
  let provider: ReturnType<typeof createStripeBillingProvider>;
  beforeAll(async () => {
    stripe = await startStripeStandIn();
    provider = createStripeBillingProvider(
      createStripeClient({ secretKey: stripe.secretKey, apiUrl: stripe.url }),
      {
        priceId: stripe.priceId,
      },
    );
  });
  afterAll(() => stripe.close());

  async function subscribed(seats: number) {
    const checkout = await provider.createCheckoutSession({
      workspaceId: "w1",
      customerId: null,
      seats,
      successUrl: "https://sabio.test/done",
      cancelUrl: "https://sabio.test/canceled",
    });
    const session = [...stripe.account.sessions.values()].at(-1);
    expect(session?.customer).toBe(checkout.customerId);
    return stripe.account.completeCheckout(session?.id ?? "").subscription;
  }

  it("updates a seat item once per idempotency key, replaying the stored answer on a retry", async () => {
    const subscription = await subscribed(2);
    const item = subscription.items.data[0];
    if (!item) throw new Error("no item");
    const update = { subscriptionItemId: item.id, quantity: 5, idempotencyKey: "seats-w1-5-v1" };
    await provider.updateSeatQuantity(update);
    item.quantity = 99; // a change after the first call: a replay must not apply the update again
    await provider.updateSeatQuantity(update);
    expect(item.quantity).toBe(99);
    const calls = stripe.requestsTo(`/v1/subscription_items/${item.id}`);
    expect(calls.map((call) => [call.idempotencyKey, call.replayed])).toEqual([
      ["seats-w1-5-v1", false],
      ["seats-w1-5-v1", true],
    ]);
    expect(calls[0]?.body).toEqual({ quantity: "5", proration_behavior: "create_prorations" });
    // The same key for another quantity is Stripe's idempotency_error: a bug, not worth retrying.
    const misuse = await provider
      .updateSeatQuantity({ ...update, quantity: 6 })
      .catch((error: unknown) => error);
    expect(misuse).toBeInstanceOf(AppError);
    expect(misuse).toMatchObject({ retryable: false });
  });

  it("serves subscriptions for GET and POST as Stripe does", async () => {
    const subscription = await subscribed(3);
    const client = createStripeClient({ secretKey: stripe.secretKey, apiUrl: stripe.url });
    const read = await client.subscriptions.retrieve(subscription.id);
    expect(read.items.data[0]?.quantity).toBe(3);
    const updated = await client.subscriptions.update(subscription.id, { cancel_at_period_end: true });
    expect(updated.cancel_at_period_end).toBe(true);
    const missing = await client.subscriptions.retrieve("sub_nope").catch((error: unknown) => error);
    expect(missing).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect(missing).toMatchObject({ statusCode: 404, code: "resource_missing" });
  });

  it("rejects a zero-day trial, like Stripe", async () => {
    const client = createStripeClient({ secretKey: stripe.secretKey, apiUrl: stripe.url });
    const rejected = await client.checkout.sessions
      .create({
        mode: "subscription",
        line_items: [{ price: stripe.priceId, quantity: 1 }],
        subscription_data: { trial_period_days: 0 },
        success_url: "https://sabio.test/done",
      })
      .catch((error: unknown) => error);
    expect(rejected).toMatchObject({ statusCode: 400, param: "subscription_data[trial_period_days]" });
  });

  it("maps a wrong key to a configuration error and a dropped connection to a retryable one", async () => {
    const wrongKey = createStripeBillingProvider(
      createStripeClient({ secretKey: "sk_test_wrong", apiUrl: stripe.url }),
      {
        priceId: stripe.priceId,
      },
    );
    await expect(
      wrongKey.createPortalSession({ customerId: "cus_x", returnUrl: "https://sabio.test" }),
    ).rejects.toMatchObject({
      code: "invalid_config",
      retryable: false,
    });
    stripe.failNext("/v1/billing_portal/sessions", { status: "reset" }, 3);
    await expect(
      provider.createPortalSession({ customerId: "cus_x", returnUrl: "https://sabio.test" }),
    ).rejects.toMatchObject({
      code: "unavailable",
      retryable: true,
    });
    stripe.clearFaults();
  });

  it("signs webhook events that stripe-node verifies, and only with the right secret", () => {
    const secret = "whsec_standin";
    const signed = signedStripeEvent({
      type: "customer.subscription.updated",
      object: { id: "sub_1" },
      secret,
    });
    const event = Stripe.webhooks.constructEvent(signed.payload, signed.signature, secret);
    expect(event.id).toBe(signed.event.id);
    expect(() => Stripe.webhooks.constructEvent(signed.payload, signed.signature, "whsec_other")).toThrow(
      Stripe.errors.StripeSignatureVerificationError,
    );
    const old = signedStripeEvent({
      type: "invoice.paid",
      object: {},
      secret,
      timestamp: Math.floor(Date.now() / 1000) - 600,
    });
    expect(() => Stripe.webhooks.constructEvent(old.payload, old.signature, secret)).toThrow(/timestamp/i);
  });
});
