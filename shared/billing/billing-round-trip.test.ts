import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { billingAccounts } from "#shared/db/schema.ts";
import { silentLogger } from "#test/helpers/silent-logger.ts";
import { testDatabaseBackends, useTestDatabase } from "#test/helpers/test-database-backends.ts";
import { type StripeStandIn, startStripeStandIn, stripeEnv } from "#test/stand-ins/stripe/stripe-stand-in.ts";
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

  /** Delivers one signed event as Stripe would; returns what the webhook says it did. */
  const deliver = async (type: string, object: unknown, created: number) => {
    const signed = signedStripeEvent({ type, object, secret, created });
    const reply = await handleStripeWebhook(
      { secret, db: db(), logger: silentLogger() },
      { rawBody: new TextEncoder().encode(signed.payload), signature: signed.signature },
    );
    expect(reply.status).toBe(200);
    return reply.body.outcome;
  };
  const billing = () =>
    billingFromEnv(
      {
        ...stripeEnv(stripe),
        BILLING_TRIAL_DAYS: 0,
      },
      db(),
    );
  /** The payer finishing the Checkout behind an admin's link. */
  const complete = (checkoutUrl: string | undefined) =>
    stripe.account.completeCheckout(checkoutUrl?.split("/").at(-1) ?? "");
  const heldSubscription = async (workspaceId: string) =>
    (await db().select().from(billingAccounts).where(eq(billingAccounts.workspaceId, workspaceId)))[0]
      ?.subscriptionId;
  const answering = { allowed: true, status: "active", warnAdmins: false };

  it("a refused workspace subscribes through Checkout and answers again; deleting the subscription refuses", async () => {
    const sabio = billing();
    const workspaceId = `w-${randomUUID()}`;
    expect(await sabio.access(workspaceId)).toMatchObject({
      allowed: false,
      refusal: refusalTexts.trialOver,
    });

    const { session, subscription } = complete((await sabio.summary(workspaceId, 2)).checkoutUrl);
    const now = Math.floor(Date.now() / 1000);
    await deliver("checkout.session.completed", session, now);
    await deliver("customer.subscription.created", subscription, now + 1);
    expect(await sabio.access(workspaceId)).toEqual(answering);
    expect(await sabio.summary(workspaceId, 2)).toMatchObject({
      status: "active",
      portalUrl: expect.any(String),
    });

    await deliver("customer.subscription.deleted", { ...subscription, status: "canceled" }, now + 2);
    expect(await sabio.access(workspaceId)).toMatchObject({
      allowed: false,
      refusal: refusalTexts.canceled,
    });
    expect((await sabio.summary(workspaceId, 2)).checkoutUrl).toBeDefined();
  });

  it("a canceled workspace resubscribes through a new Checkout; the old subscription's late events change nothing", async () => {
    const sabio = billing();
    const workspaceId = `w-${randomUUID()}`;
    const first = await sabio.summary(workspaceId, 2);
    const old = complete(first.checkoutUrl);
    const now = Math.floor(Date.now() / 1000);
    await deliver("checkout.session.completed", old.session, now);
    await deliver("customer.subscription.created", old.subscription, now + 1);
    const oldCanceled = { ...old.subscription, status: "canceled" };
    await deliver("customer.subscription.deleted", oldCanceled, now + 2);
    expect(await sabio.access(workspaceId)).toMatchObject({ allowed: false, refusal: refusalTexts.canceled });

    // /sabio billing: a new Checkout (not the used one), for the customer the workspace already has.
    const again = await sabio.summary(workspaceId, 3);
    expect(again).toMatchObject({ status: "canceled", checkoutUrl: expect.any(String) });
    expect(again.portalUrl).toBeUndefined();
    expect(again.checkoutUrl).not.toBe(first.checkoutUrl);
    const renewed = complete(again.checkoutUrl);
    expect(renewed.session.customer).toBe(old.session.customer);
    expect(renewed.subscription.id).not.toBe(old.subscription.id);

    // The new Checkout names the new subscription before its status arrives; an old-subscription
    // event stamped the second it was deleted (Stripe's clock is coarse) must not take it back.
    await deliver("checkout.session.completed", renewed.session, now + 3);
    expect(await heldSubscription(workspaceId)).toBe(renewed.subscription.id);
    expect(await deliver("customer.subscription.updated", oldCanceled, now + 2)).toBe("stale");
    expect(await heldSubscription(workspaceId)).toBe(renewed.subscription.id);

    await deliver("customer.subscription.created", renewed.subscription, now + 4);
    expect(await sabio.access(workspaceId)).toEqual(answering);
    expect(await sabio.summary(workspaceId, 3)).toMatchObject({
      status: "active",
      portalUrl: expect.any(String),
    });

    // Late deliveries of the old subscription: an update from before its deletion, a deletion after.
    expect(await deliver("customer.subscription.updated", old.subscription, now + 1)).toBe("stale");
    expect(await deliver("customer.subscription.deleted", oldCanceled, now + 5)).toBe("stale");
    expect(await heldSubscription(workspaceId)).toBe(renewed.subscription.id);
    expect(await sabio.access(workspaceId)).toEqual(answering);
    expect((await sabio.summary(workspaceId, 3)).status).toBe("active");
  });
});
