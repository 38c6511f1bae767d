import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { ensureBillingAccount } from "#shared/billing/billing-account-repository.ts";
import { billingAccounts, stripeEvents } from "#shared/db/schema.ts";
import { captureLogger } from "#test/helpers/queue-test-kit.ts";
import { testDatabaseBackends, useTestDatabase } from "#test/helpers/test-database-backends.ts";
import { stripeId } from "#test/stand-ins/stripe/stripe-account.ts";
import { signedStripeEvent } from "#test/stand-ins/stripe/stripe-webhook-events.ts";
import { handleStripeWebhook, type TrialEndingNotice } from "./handle-stripe-webhook.ts";

const secret = "whsec_test_trial_will_end";
const pglite = testDatabaseBackends.find((backend) => backend.kind === "pglite");
if (!pglite) throw new Error("no PGlite backend");

describe("customer.subscription.trial_will_end", () => {
  const database = useTestDatabase(pglite);

  it("tells the workspace's admins once, with the trial's end, and changes no state", async () => {
    const db = database();
    const workspaceId = `ws-${stripeId("t")}`;
    const ids = { customer: stripeId("cus"), subscription: stripeId("sub") };
    await ensureBillingAccount(db, workspaceId, { now: new Date(), trialDays: 14 });
    await db
      .update(billingAccounts)
      .set({ customerId: ids.customer, subscriptionId: ids.subscription, subscriptionStatus: "trialing" })
      .where(eq(billingAccounts.workspaceId, workspaceId));
    const before = await db
      .select()
      .from(billingAccounts)
      .where(eq(billingAccounts.workspaceId, workspaceId));
    const trialEnd = Math.floor(Date.now() / 1000) + 3 * 86_400;
    const signed = signedStripeEvent({
      type: "customer.subscription.trial_will_end",
      secret,
      object: {
        id: ids.subscription,
        object: "subscription",
        customer: ids.customer,
        status: "trialing",
        trial_end: trialEnd,
        items: { object: "list", data: [{ id: stripeId("si"), current_period_end: trialEnd }] },
      },
    });
    const notices: TrialEndingNotice[] = [];
    const { logger } = captureLogger();
    const dependencies = {
      secret,
      db,
      logger,
      notifyTrialEnding: async (notice: TrialEndingNotice) => void notices.push(notice),
    };
    const request = { rawBody: new TextEncoder().encode(signed.payload), signature: signed.signature };
    expect((await handleStripeWebhook(dependencies, request)).status).toBe(200);
    expect((await handleStripeWebhook(dependencies, request)).body).toEqual({
      received: true,
      outcome: "duplicate",
    });
    expect(notices).toEqual([{ workspaceId, trialEndsAt: new Date(trialEnd * 1000) }]);
    expect(
      await db.select().from(billingAccounts).where(eq(billingAccounts.workspaceId, workspaceId)),
    ).toEqual(before);
    expect(
      await db.select().from(stripeEvents).where(eq(stripeEvents.eventId, signed.event.id)),
    ).toHaveLength(1);
  });
});
