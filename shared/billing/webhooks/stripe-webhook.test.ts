import type { AddressInfo } from "node:net";
import { createAdaptorServer } from "@hono/node-server";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { redisOAuthStateLedger } from "#connectors/oauth/oauth-state-ledger.ts";
import { ensureBillingAccount, recordCustomer } from "#shared/billing/billing-account-repository.ts";
import { billingStatusOf } from "#shared/billing/billing-status.ts";
import { createStripeBillingProvider } from "#shared/billing/stripe/stripe-billing-provider.ts";
import { createStripeClient } from "#shared/billing/stripe/stripe-client.ts";
import { envSchema } from "#shared/config/env.ts";
import type { Db } from "#shared/db/database.ts";
import { billingAccounts, stripeEvents } from "#shared/db/schema.ts";
import { createProducer } from "#shared/queue/enqueue.ts";
import { closeRedisConnection, createRedisConnection } from "#shared/queue/redis-connection.ts";
import {
  type BillingStatusChanged,
  noTelemetry,
  type StripeWebhookHandled,
  type Telemetry,
} from "#shared/telemetry/telemetry.ts";
import { freePort } from "#test/helpers/free-port.ts";
import { captureLogger, randomPrefix, testRedisUrl } from "#test/helpers/queue-test-kit.ts";
import { testDatabaseBackends, useTestDatabase } from "#test/helpers/test-database-backends.ts";
import { stripeId } from "#test/stand-ins/stripe/stripe-account.ts";
import { type StripeStandIn, startStripeStandIn, stripeEnv } from "#test/stand-ins/stripe/stripe-stand-in.ts";
import { signedStripeEvent } from "#test/stand-ins/stripe/stripe-webhook-events.ts";
import { configuredRoles } from "../../../cli/roles/configured-roles.ts";
import { createWebApp } from "../../../cli/roles/web-role.ts";

const secret = "whsec_test_sabio_webhooks";
const nowSeconds = () => Math.floor(Date.now() / 1000);
const dayS = 24 * 60 * 60;

describe.each(testDatabaseBackends)("POST /webhooks/stripe on the web role ($kind)", (backend) => {
  const database = useTestDatabase(backend);
  const prefix = randomPrefix();
  const { logger, lines } = captureLogger();
  const redis = createRedisConnection(testRedisUrl, { role: "producer", logger });
  const outcomes: StripeWebhookHandled[] = [];
  const changes: BillingStatusChanged[] = [];
  const telemetry: Telemetry = {
    ...noTelemetry,
    stripeWebhook: (event) => void outcomes.push(event),
    billingStatusChanged: (event) => void changes.push(event),
  };
  let stripe: StripeStandIn;
  let server: ReturnType<typeof createAdaptorServer>;
  let endpoint: string;
  let db: Db;

  beforeAll(async () => {
    db = database();
    stripe = await startStripeStandIn();
    const env = envSchema.parse({
      REDIS_URL: testRedisUrl,
      QUEUE_PREFIX: prefix,
      ...stripeEnv(stripe),
      STRIPE_WEBHOOK_SECRET: secret,
    });
    const app = createWebApp({
      env,
      db,
      ledger: redisOAuthStateLedger(redis, prefix),
      producer: createProducer(redis, { prefix }),
      logger,
      telemetry,
    });
    server = createAdaptorServer({ fetch: app.fetch });
    const port = await freePort();
    await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
    endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks/stripe`;
  });

  afterAll(async () => {
    await new Promise((resolve) => server?.close(resolve));
    await stripe?.close();
    await closeRedisConnection(redis);
  });

  async function deliver(
    body: string,
    signature: string | undefined,
  ): Promise<{ status: number; outcome: unknown }> {
    const response = await fetch(endpoint, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        ...(signature ? { "stripe-signature": signature } : {}),
      },
      body,
    });
    const json = (await response.json()) as { outcome?: unknown };
    return { status: response.status, outcome: json.outcome };
  }
  const send = (signed: { payload: string; signature: string }) => deliver(signed.payload, signed.signature);

  async function account(workspaceId: string) {
    const [row] = await db.select().from(billingAccounts).where(eq(billingAccounts.workspaceId, workspaceId));
    if (!row) throw new Error(`no billing account for ${workspaceId}`);
    return row;
  }
  async function seen(eventId: string): Promise<number> {
    return (await db.select().from(stripeEvents).where(eq(stripeEvents.eventId, eventId))).length;
  }

  /** A workspace already subscribed (as after a Checkout), with Stripe news applied up to `eventAt`. */
  async function subscribedWorkspace(status: string, eventAt = nowSeconds() - 3600) {
    const workspaceId = `ws-${stripeId("t")}`;
    const ids = { customerId: stripeId("cus"), subscriptionId: stripeId("sub"), itemId: stripeId("si") };
    await ensureBillingAccount(db, workspaceId, { now: new Date(), trialDays: 14 });
    await db
      .update(billingAccounts)
      .set({
        customerId: ids.customerId,
        subscriptionId: ids.subscriptionId,
        subscriptionItemId: ids.itemId,
        subscriptionStatus: status,
        subscriptionEventAt: new Date(eventAt * 1000),
      })
      .where(eq(billingAccounts.workspaceId, workspaceId));
    return { workspaceId, ...ids };
  }

  function subscription(
    ids: { customerId: string; subscriptionId: string; itemId: string },
    status: string,
    periodEnd = nowSeconds() + 30 * dayS,
  ) {
    return {
      id: ids.subscriptionId,
      object: "subscription",
      customer: ids.customerId,
      status,
      trial_end: null,
      metadata: {},
      items: {
        object: "list",
        data: [{ id: ids.itemId, object: "subscription_item", quantity: 1, current_period_end: periodEnd }],
      },
    };
  }

  function failedInvoice(ids: { customerId: string; subscriptionId: string }, id?: string) {
    return signedStripeEvent({
      type: "invoice.payment_failed",
      secret,
      ...(id ? { id } : {}),
      object: {
        id: stripeId("in"),
        object: "invoice",
        customer: ids.customerId,
        parent: { type: "subscription_details", subscription_details: { subscription: ids.subscriptionId } },
      },
    });
  }

  it("turns a workspace's billing on: checkout.session.completed then customer.subscription.created → trialing", async () => {
    const workspaceId = `ws-${stripeId("t")}`;
    await ensureBillingAccount(db, workspaceId, { now: new Date(), trialDays: 14 });
    const provider = createStripeBillingProvider(
      createStripeClient({ secretKey: stripe.secretKey, apiUrl: stripe.url }),
      {
        priceId: stripe.priceId,
      },
    );
    const checkout = await provider.createCheckoutSession({
      workspaceId,
      customerId: null,
      seats: 3,
      trialDays: 14,
      successUrl: "https://example.test/ok",
      cancelUrl: "https://example.test/no",
    });
    await recordCustomer(db, workspaceId, checkout.customerId);
    const [sessionId] = [...stripe.account.sessions.values()]
      .filter((s) => s.client_reference_id === workspaceId)
      .map((s) => s.id);
    const completed = stripe.account.completeCheckout(sessionId ?? "");

    const first = await send(
      signedStripeEvent({ type: "checkout.session.completed", object: completed.session, secret }),
    );
    expect(first).toEqual({ status: 200, outcome: "applied" });
    const afterCheckout = await account(workspaceId);
    expect(afterCheckout.customerId).toBe(checkout.customerId);
    expect(afterCheckout.subscriptionId).toBe(completed.subscription.id);
    // Read from Stripe (the stand-in) for its item and status.
    expect(afterCheckout.subscriptionItemId).toBe(completed.subscription.items.data[0]?.id);
    expect(afterCheckout.subscriptionStatus).toBe("trialing");

    const second = await send(
      signedStripeEvent({ type: "customer.subscription.created", object: completed.subscription, secret }),
    );
    expect(second).toEqual({ status: 200, outcome: "applied" });
    const row = await account(workspaceId);
    expect(billingStatusOf(row.subscriptionStatus)).toBe("trialing");
    expect(row.trialEndsAt?.getTime()).toBe((completed.subscription.trial_end ?? 0) * 1000);
    expect(row.currentPeriodEnd?.getTime()).toBe(
      (completed.subscription.items.data[0]?.current_period_end ?? 0) * 1000,
    );
    expect(changes).toContainEqual({ workspaceId, from: "none", to: "trialing" });
  });

  it("without a fetched subscription, customer.subscription.created makes it active", async () => {
    const workspaceId = `ws-${stripeId("t")}`;
    await ensureBillingAccount(db, workspaceId, { now: new Date(), trialDays: 0 });
    const ids = { customerId: stripeId("cus"), subscriptionId: stripeId("sub"), itemId: stripeId("si") };
    // An expanded subscription in the session needs no read from Stripe.
    const session = {
      id: stripeId("cs"),
      object: "checkout.session",
      mode: "subscription",
      client_reference_id: workspaceId,
      customer: ids.customerId,
      subscription: subscription(ids, "incomplete"),
    };
    expect(
      await send(signedStripeEvent({ type: "checkout.session.completed", object: session, secret })),
    ).toEqual({ status: 200, outcome: "applied" });
    expect((await account(workspaceId)).customerId).toBe(ids.customerId);
    expect(billingStatusOf((await account(workspaceId)).subscriptionStatus)).toBe("none");
    await send(
      signedStripeEvent({
        type: "customer.subscription.created",
        object: subscription(ids, "active"),
        secret,
      }),
    );
    const row = await account(workspaceId);
    expect(billingStatusOf(row.subscriptionStatus)).toBe("active");
    expect(row.subscriptionItemId).toBe(ids.itemId);
    // The seat sync compares with what Stripe bills, a quantity changed in the dashboard included.
    expect(row.syncedSeats).toBe(1);
  });

  describe("the signature", () => {
    it("rejects a re-serialised body (400, nothing applied)", async () => {
      const ids = await subscribedWorkspace("active");
      const signed = failedInvoice(ids);
      const reserialised = JSON.stringify(JSON.parse(signed.payload));
      expect(reserialised).not.toBe(signed.payload);
      expect((await deliver(reserialised, signed.signature)).status).toBe(400);
      expect(await seen(signed.event.id)).toBe(0);
      expect((await account(ids.workspaceId)).subscriptionStatus).toBe("active");
    });

    it("rejects a signature more than 300 s old (a replay 10 minutes later)", async () => {
      const ids = await subscribedWorkspace("active");
      const old = failedInvoice(ids);
      const replay = signedStripeEvent({
        type: old.event.type,
        object: old.event.data.object,
        secret,
        timestamp: nowSeconds() - 600,
      });
      expect((await send(replay)).status).toBe(400);
      expect(await seen(replay.event.id)).toBe(0);
      expect((await account(ids.workspaceId)).subscriptionStatus).toBe("active");
    });

    it("rejects a wrong secret and a missing signature, logging neither signature nor body", async () => {
      const ids = await subscribedWorkspace("active");
      const wrong = signedStripeEvent({
        type: "invoice.payment_failed",
        object: failedInvoice(ids).event.data.object,
        secret: "whsec_someone_else",
      });
      expect((await send(wrong)).status).toBe(400);
      expect((await deliver(wrong.payload, undefined)).status).toBe(400);
      expect(await seen(wrong.event.id)).toBe(0);
      expect((await account(ids.workspaceId)).subscriptionStatus).toBe("active");
      const rejections = lines.filter((line) => line.msg === "stripe webhook rejected");
      expect(rejections.map((line) => line.reason)).toEqual(
        expect.arrayContaining(["bad signature", "no signature"]),
      );
      const logged = JSON.stringify(lines);
      expect(logged).not.toContain(wrong.signature.split("v1=")[1]);
      expect(logged).not.toContain(ids.customerId);
      expect(logged).not.toContain(secret);
      expect(outcomes).toContainEqual({ type: "unverified", outcome: "rejected" });
    });
  });

  describe("once, in order", () => {
    it("applies the same event id delivered twice at the same time once", async () => {
      const ids = await subscribedWorkspace("active");
      const signed = failedInvoice(ids);
      const replies = await Promise.all([send(signed), send(signed)]);
      expect(replies.map((reply) => reply.status)).toEqual([200, 200]);
      expect(replies.map((reply) => reply.outcome).sort()).toEqual(["applied", "duplicate"]);
      expect(await seen(signed.event.id)).toBe(1);
      expect(changes.filter((change) => change.workspaceId === ids.workspaceId)).toEqual([
        { workspaceId: ids.workspaceId, from: "active", to: "past_due" },
      ]);
    });

    it("applies 100 identical deliveries at once exactly once, every one 2xx", async () => {
      const ids = await subscribedWorkspace("active");
      const signed = failedInvoice(ids);
      const replies = await Promise.all(Array.from({ length: 100 }, () => send(signed)));
      expect(replies.every((reply) => reply.status === 200)).toBe(true);
      expect(replies.filter((reply) => reply.outcome === "applied")).toHaveLength(1);
      expect(replies.filter((reply) => reply.outcome === "duplicate")).toHaveLength(99);
      expect((await account(ids.workspaceId)).subscriptionStatus).toBe("past_due");
      expect(changes.filter((change) => change.workspaceId === ids.workspaceId)).toHaveLength(1);
    });

    it("an older customer.subscription.updated after a newer one changes nothing (seen, 200)", async () => {
      const ids = await subscribedWorkspace("active");
      const t = nowSeconds() - 60;
      const newer = signedStripeEvent({
        type: "customer.subscription.updated",
        object: subscription(ids, "past_due", t + 40 * dayS),
        secret,
        created: t + 10,
      });
      const older = signedStripeEvent({
        type: "customer.subscription.updated",
        object: subscription(ids, "active", t + 30 * dayS),
        secret,
        created: t,
      });
      expect(await send(newer)).toEqual({ status: 200, outcome: "applied" });
      expect(await send(older)).toEqual({ status: 200, outcome: "stale" });
      const row = await account(ids.workspaceId);
      expect(row.subscriptionStatus).toBe("past_due");
      expect(row.currentPeriodEnd?.getTime()).toBe((t + 40 * dayS) * 1000);
      expect(row.subscriptionEventAt?.getTime()).toBe((t + 10) * 1000);
      expect(await seen(older.event.id)).toBe(1);
    });

    it("customer.subscription.deleted reads canceled; invoice.paid ends past_due", async () => {
      const ids = await subscribedWorkspace("past_due");
      const paid = signedStripeEvent({
        type: "invoice.paid",
        secret,
        object: {
          id: stripeId("in"),
          object: "invoice",
          customer: ids.customerId,
          parent: { subscription_details: { subscription: ids.subscriptionId } },
        },
      });
      expect(await send(paid)).toEqual({ status: 200, outcome: "applied" });
      expect((await account(ids.workspaceId)).subscriptionStatus).toBe("active");
      const deleted = signedStripeEvent({
        type: "customer.subscription.deleted",
        object: subscription(ids, "active"),
        secret,
        created: nowSeconds() + 1,
      });
      expect(await send(deleted)).toEqual({ status: 200, outcome: "applied" });
      expect(billingStatusOf((await account(ids.workspaceId)).subscriptionStatus)).toBe("canceled");
    });
  });

  describe("what it does not apply", () => {
    it("acknowledges an unknown type (2xx) and records nothing", async () => {
      const signed = signedStripeEvent({
        type: "charge.refund.updated",
        object: { id: stripeId("re"), object: "refund" },
        secret,
      });
      expect(await send(signed)).toEqual({ status: 200, outcome: "ignored" });
      expect(await seen(signed.event.id)).toBe(0);
    });

    it("acknowledges a signed event it cannot read (200, nothing recorded: a retry would read no better)", async () => {
      const signed = signedStripeEvent({ type: "customer.subscription.updated", object: { id: 42 }, secret });
      expect(await send(signed)).toEqual({ status: 200, outcome: "ignored" });
      expect(await seen(signed.event.id)).toBe(0);
    });

    it("acknowledges an event for an unknown customer (200) and changes nothing", async () => {
      const stranger = {
        customerId: stripeId("cus"),
        subscriptionId: stripeId("sub"),
        itemId: stripeId("si"),
      };
      const before = await db.select().from(billingAccounts);
      const signed = signedStripeEvent({
        type: "customer.subscription.updated",
        object: subscription(stranger, "active"),
        secret,
      });
      expect(await send(signed)).toEqual({ status: 200, outcome: "ignored" });
      const session = {
        id: stripeId("cs"),
        object: "checkout.session",
        client_reference_id: "ws-nobody-knows",
        customer: stranger.customerId,
        subscription: stranger.subscriptionId,
      };
      expect(
        await send(signedStripeEvent({ type: "checkout.session.completed", object: session, secret })),
      ).toEqual({ status: 200, outcome: "ignored" });
      expect(await seen(signed.event.id)).toBe(0);
      expect(await db.select().from(billingAccounts)).toEqual(before);
      expect(
        lines.some(
          (line) => line.msg === "stripe webhook changed nothing" && line.eventId === signed.event.id,
        ),
      ).toBe(true);
    });

    it("answers 500 when the transaction fails, records nothing, and applies the retry", async () => {
      const ids = await subscribedWorkspace("active");
      const deleted = signedStripeEvent({
        type: "customer.subscription.deleted",
        object: subscription(ids, "active"),
        secret,
      });
      // A real database error inside the transaction, after the event's id was inserted.
      await db.execute(
        sql.raw(
          `alter table billing_accounts add constraint webhook_test_refuse check (workspace_id <> '${ids.workspaceId}' or subscription_status is distinct from 'canceled')`,
        ),
      );
      try {
        expect((await send(deleted)).status).toBe(500);
      } finally {
        await db.execute(sql.raw("alter table billing_accounts drop constraint webhook_test_refuse"));
      }
      expect(await seen(deleted.event.id)).toBe(0);
      expect((await account(ids.workspaceId)).subscriptionStatus).toBe("active");
      expect(outcomes).toContainEqual({ type: "customer.subscription.deleted", outcome: "failed" });
      expect(await send(deleted)).toEqual({ status: 200, outcome: "applied" });
      expect((await account(ids.workspaceId)).subscriptionStatus).toBe("canceled");
    });
  });
});

describe("when the web role serves Stripe webhooks", () => {
  it("a plain `sabio start` runs the web role once STRIPE_WEBHOOK_SECRET is set; without it there is no route", async () => {
    const bare = envSchema.parse({});
    const withSecret = envSchema.parse({ STRIPE_WEBHOOK_SECRET: secret });
    expect(configuredRoles(bare)).not.toContain("web");
    expect(configuredRoles(withSecret)).toContain("web");
    const { logger } = captureLogger();
    const app = createWebApp({
      env: bare,
      db: undefined as never,
      ledger: undefined as never,
      producer: undefined as never,
      logger,
    });
    expect((await app.request("/webhooks/stripe", { method: "POST", body: "{}" })).status).toBe(404);
  });
});
