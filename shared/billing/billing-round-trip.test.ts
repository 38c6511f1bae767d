import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { silentLogger } from "#test/helpers/silent-logger.ts";
import { testDatabaseBackends, useTestDatabase } from "#test/helpers/test-database-backends.ts";
import { type StripeStandIn, startStripeStandIn } from "#test/stand-ins/stripe/stripe-stand-in.ts";
import { signedStripeEvent } from "#test/stand-ins/stripe/stripe-webhook-events.ts";
import { refusalTexts } from "./access-decision.ts";
import { billingFromEnv } from "./billing-from-env.ts";
import { handleStripeWebhook } from "./webhooks/handle-stripe-webhook.ts";

const secret = "whsec_round_trip";

/** The "Done means" for billing: refused → admin's Checkout → signed webhooks → answers again. */
describe.each(testDatabaseBackends)("billing round trip on $kind", (backend) => {
  const db = useTestDatabase(backend);
  let stripe: StripeStandIn;
  beforeAll(async () => {
    stripe = await startStripeStandIn();
  });
  afterAll(() => stripe.close());

  const deliver = async (type: string, object: unknown, created: number) => {
    const signed = signedStripeEvent({ type, object, secret, created });
    const reply = await handleStripeWebhook(
      { secret, db: db(), logger: silentLogger() },
      { rawBody: new TextEncoder().encode(signed.payload), signature: signed.signature },
    );
    expect(reply.status).toBe(200);
  };

  it("a refused workspace subscribes through Checkout and answers again; deleting the subscription refuses", async () => {
    const billing = billingFromEnv(
      {
        STRIPE_SECRET_KEY: stripe.secretKey,
        STRIPE_PRICE_ID: stripe.priceId,
        STRIPE_API_URL: stripe.url,
        BILLING_TRIAL_DAYS: 0,
        PUBLIC_URL: "https://sabio.test",
      },
      db(),
    );
    const workspaceId = `w-${randomUUID()}`;
    expect(await billing.access(workspaceId)).toMatchObject({
      allowed: false,
      refusal: refusalTexts.trialOver,
    });

    const { checkoutUrl } = await billing.summary(workspaceId, 2);
    const sessionId = checkoutUrl?.split("/").at(-1) ?? "";
    const { session, subscription } = stripe.account.completeCheckout(sessionId);
    const now = Math.floor(Date.now() / 1000);
    await deliver("checkout.session.completed", session, now);
    await deliver("customer.subscription.created", subscription, now + 1);
    expect(await billing.access(workspaceId)).toEqual({ allowed: true, status: "active", warnAdmins: false });
    expect(await billing.summary(workspaceId, 2)).toMatchObject({
      status: "active",
      portalUrl: expect.any(String),
    });

    await deliver("customer.subscription.deleted", { ...subscription, status: "canceled" }, now + 2);
    expect(await billing.access(workspaceId)).toMatchObject({
      allowed: false,
      refusal: refusalTexts.canceled,
    });
    expect((await billing.summary(workspaceId, 2)).checkoutUrl).toBeDefined();
  });
});
