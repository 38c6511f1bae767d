import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { billingAccounts } from "#shared/db/schema.ts";
import { AppError } from "#shared/errors/app-error.ts";
import { testDatabaseBackends, useTestDatabase } from "#test/helpers/test-database-backends.ts";
import { type StripeStandIn, startStripeStandIn } from "#test/stand-ins/stripe/stripe-stand-in.ts";
import { refusalTexts } from "./access-decision.ts";
import { billingFromEnv } from "./billing-from-env.ts";
import { stripeApiVersion } from "./stripe/stripe-client.ts";

const dayMs = 24 * 60 * 60 * 1000;
const start = new Date("2026-12-01T09:00:00.000Z");

describe.each(testDatabaseBackends)("billing on $kind", (backend) => {
  const db = useTestDatabase(backend);
  let stripe: StripeStandIn;
  beforeAll(async () => {
    stripe = await startStripeStandIn();
  });
  afterAll(() => stripe.close());

  function billing(options: { now?: () => Date; trialDays?: number; key?: string | undefined } = {}) {
    return billingFromEnv(
      {
        STRIPE_SECRET_KEY: "key" in options ? options.key : stripe.secretKey,
        STRIPE_PRICE_ID: stripe.priceId,
        STRIPE_API_URL: stripe.url,
        BILLING_TRIAL_DAYS: options.trialDays ?? 14,
        PUBLIC_URL: "https://sabio.test/",
      },
      db(),
      options.now ?? (() => start),
    );
  }
  const workspace = () => `w-${randomUUID()}`;
  const row = async (workspaceId: string) =>
    (await db().select().from(billingAccounts).where(eq(billingAccounts.workspaceId, workspaceId)))[0];
  const setSubscription = (
    workspaceId: string,
    status: string | null,
    subscriptionId: string | null = "sub_x",
  ) =>
    db()
      .update(billingAccounts)
      .set({ subscriptionStatus: status, subscriptionId: status ? `${subscriptionId}-${workspaceId}` : null })
      .where(eq(billingAccounts.workspaceId, workspaceId));

  it("is off without STRIPE_SECRET_KEY: everything allowed, no row, no Stripe call", async () => {
    const before = stripe.requests.length;
    const off = billing({ key: undefined });
    const id = workspace();
    expect(off.enabled).toBe(false);
    expect(await off.access(id)).toEqual({ allowed: true, status: "off", warnAdmins: false });
    expect(await off.summary(id, 3)).toEqual({ status: "off", seats: 3, trialEndsAt: null });
    expect(stripe.requests.length).toBe(before);
    expect(await row(id)).toBeUndefined();
  });

  it("starts a local trial on the first look and refuses politely once it is over", async () => {
    let now = start;
    const service = billing({ now: () => now });
    const id = workspace();
    expect(await service.access(id)).toEqual({ allowed: true, status: "none", warnAdmins: false });
    expect((await row(id))?.trialEndsAt?.toISOString()).toBe(
      new Date(start.getTime() + 14 * dayMs).toISOString(),
    );
    now = new Date(start.getTime() + 14 * dayMs + 1);
    const refused = await service.access(id);
    expect(refused).toEqual({ allowed: false, status: "none", refusal: refusalTexts.trialOver });
    expect(refusalTexts.trialOver).toContain("/sabio billing");
    // The trial started at the first look; looking again later does not restart it.
    expect((await row(id))?.trialEndsAt?.toISOString()).toBe(
      new Date(start.getTime() + 14 * dayMs).toISOString(),
    );
  });

  it("BILLING_TRIAL_DAYS=0: no trial, refused at once, Checkout without trial_period_days", async () => {
    const service = billing({ trialDays: 0 });
    const id = workspace();
    expect((await service.access(id)).allowed).toBe(false);
    const summary = await service.summary(id, 2);
    expect(summary.checkoutUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/c\/pay\/cs_test_/);
    const sent = stripe.requestsTo("/v1/checkout/sessions").at(-1);
    expect(sent?.body.subscription_data).not.toHaveProperty("trial_period_days");
  });

  it("maps Stripe's subscription statuses to access", async () => {
    const service = billing();
    const cases: [string, boolean, string][] = [
      ["trialing", true, "trialing"],
      ["active", true, "active"],
      ["past_due", true, "past_due"],
      ["canceled", false, "canceled"],
      ["unpaid", false, "canceled"],
      ["paused", false, "canceled"],
      ["incomplete_expired", true, "none"], // still inside the local trial
    ];
    for (const [stripeStatus, allowed, status] of cases) {
      const id = workspace();
      await service.access(id);
      await setSubscription(id, stripeStatus);
      const decision = await service.access(id);
      expect({ stripeStatus, allowed: decision.allowed, status: decision.status }).toEqual({
        stripeStatus,
        allowed,
        status,
      });
      if (!decision.allowed) expect(decision.refusal).toContain("/sabio billing");
    }
  });

  it("past_due answers and warns admins at most once a day", async () => {
    let now = start;
    const service = billing({ now: () => now });
    const id = workspace();
    await service.access(id);
    await setSubscription(id, "past_due");
    const [first, second] = await Promise.all([service.access(id), service.access(id)]);
    expect([first, second].filter((decision) => decision.allowed && decision.warnAdmins)).toHaveLength(1);
    now = new Date(start.getTime() + 23 * 60 * 60 * 1000);
    expect(await service.access(id)).toMatchObject({ allowed: true, warnAdmins: false });
    now = new Date(start.getTime() + dayMs + 1);
    expect(await service.access(id)).toMatchObject({ allowed: true, warnAdmins: true });
  });

  it("makes a subscription Checkout for the seats, the trial days left and the workspace", async () => {
    const service = billing({ now: () => new Date(start.getTime()) });
    const id = workspace();
    await service.access(id);
    const later = billing({ now: () => new Date(start.getTime() + 3.5 * dayMs) });
    const summary = await later.summary(id, 0);
    expect(summary).toMatchObject({
      status: "none",
      seats: 0,
      trialEndsAt: new Date(start.getTime() + 14 * dayMs).toISOString(),
    });
    const session = stripe.requestsTo("/v1/checkout/sessions").at(-1);
    expect(session?.stripeVersion).toBe(stripeApiVersion);
    expect(session?.body).toMatchObject({
      mode: "subscription",
      client_reference_id: id,
      line_items: [{ price: stripe.priceId, quantity: "1" }],
      subscription_data: { trial_period_days: "11" },
      success_url: "https://sabio.test/billing/done?session_id={CHECKOUT_SESSION_ID}",
      cancel_url: "https://sabio.test/billing/canceled",
    });
    const customerId = (await row(id))?.customerId;
    expect(customerId).toMatch(/^cus_/);
    expect(session?.body.customer).toBe(customerId);
    // Asking again reuses the workspace's customer: one customer per workspace.
    const customers = stripe.requestsTo("/v1/customers").length;
    await later.summary(id, 4);
    expect(stripe.requestsTo("/v1/customers").length).toBe(customers);
    expect(stripe.requestsTo("/v1/checkout/sessions").at(-1)?.body.line_items).toEqual([
      { price: stripe.priceId, quantity: "4" },
    ]);
  });

  it("a Stripe 5xx during Checkout is a clear, retryable error and records nothing", async () => {
    const service = billing();
    const id = workspace();
    stripe.failNext("/v1/checkout/sessions", { status: 500 }, 2); // stripe-node retries once
    const failure = await service.summary(id, 2).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(AppError);
    expect(failure).toMatchObject({ retryable: true, code: "upstream_error" });
    expect((failure as AppError).message).toMatch(
      /Stripe had a problem while making a Checkout link \(HTTP 500\)/,
    );
    expect((await row(id))?.customerId).toBeNull();
    expect((await service.summary(id, 2)).checkoutUrl).toBeDefined();
  });

  it("gives a new Checkout, not the Portal, once the subscription is canceled or never started", async () => {
    const service = billing();
    for (const status of ["canceled", "incomplete", "incomplete_expired"]) {
      const id = workspace();
      await service.summary(id, 1);
      await setSubscription(id, status);
      const summary = await service.summary(id, 1);
      expect({ status, portal: summary.portalUrl, checkout: typeof summary.checkoutUrl }).toEqual({
        status,
        portal: undefined,
        checkout: "string",
      });
    }
  });

  it("gives the Customer Portal once a subscription stands", async () => {
    const service = billing();
    const id = workspace();
    await service.summary(id, 1);
    const session = [...stripe.account.sessions.values()].find(
      (candidate) => candidate.client_reference_id === id,
    );
    const { subscription } = stripe.account.completeCheckout(session?.id ?? "");
    await db()
      .update(billingAccounts)
      .set({ subscriptionId: subscription.id, subscriptionStatus: "active" })
      .where(eq(billingAccounts.workspaceId, id));
    const summary = await service.summary(id, 1);
    expect(summary.status).toBe("active");
    expect(summary.portalUrl).toMatch(/\/p\/session\/bps_/);
    expect(summary.checkoutUrl).toBeUndefined();
    expect(stripe.requestsTo("/v1/billing_portal/sessions").at(-1)?.body).toMatchObject({
      customer: (await row(id))?.customerId,
      return_url: "https://sabio.test",
    });
  });
});
