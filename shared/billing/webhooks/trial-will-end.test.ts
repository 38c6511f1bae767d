import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { billingAccounts, stripeEvents } from "#shared/db/schema.ts";
import { captureLogger, deferred } from "#test/helpers/queue-test-kit.ts";
import { testDatabaseBackends, useTestDatabase } from "#test/helpers/test-database-backends.ts";
import { trialingWorkspace } from "#test/helpers/trialing-workspace.ts";
import { waitFor } from "#test/helpers/wait-for.ts";
import { stripeId } from "#test/stand-ins/stripe/stripe-account.ts";
import type { SignedStripeEvent } from "#test/stand-ins/stripe/stripe-webhook-events.ts";
import { handleStripeWebhook, type TrialEndingNotice } from "./handle-stripe-webhook.ts";

const secret = "whsec_test_trial_will_end";
const pglite = testDatabaseBackends.find((backend) => backend.kind === "pglite");
if (!pglite) throw new Error("no PGlite backend");

const inThreeDays = () => Math.floor(Date.now() / 1000) + 3 * 86_400;
const requestOf = (signed: SignedStripeEvent) => ({
  rawBody: new TextEncoder().encode(signed.payload),
  signature: signed.signature,
});

describe("customer.subscription.trial_will_end", () => {
  const database = useTestDatabase(pglite);

  it("tells the workspace's admins once, with the trial's end, and changes no state", async () => {
    const db = database();
    const workspaceId = `ws-${stripeId("t")}`;
    const trialEnd = inThreeDays();
    const { trialWillEnd } = await trialingWorkspace(db, workspaceId, { secret, trialEnd });
    const before = await db
      .select()
      .from(billingAccounts)
      .where(eq(billingAccounts.workspaceId, workspaceId));
    const notices: TrialEndingNotice[] = [];
    const { logger } = captureLogger();
    const dependencies = {
      secret,
      db,
      logger,
      notifyTrialEnding: async (notice: TrialEndingNotice) => void notices.push(notice),
    };
    const request = requestOf(trialWillEnd);
    expect((await handleStripeWebhook(dependencies, request)).status).toBe(200);
    expect((await handleStripeWebhook(dependencies, request)).body).toEqual({
      received: true,
      outcome: "duplicate",
    });
    await waitFor(async () => (notices.length > 0 ? true : undefined));
    expect(notices).toEqual([{ workspaceId, trialEndsAt: new Date(trialEnd * 1000) }]);
    expect(
      await db.select().from(billingAccounts).where(eq(billingAccounts.workspaceId, workspaceId)),
    ).toEqual(before);
    expect(
      await db.select().from(stripeEvents).where(eq(stripeEvents.eventId, trialWillEnd.event.id)),
    ).toHaveLength(1);
  });

  it("replies to Stripe before the admins are told, and logs a notice that failed", async () => {
    const db = database();
    const workspaceId = `ws-${stripeId("t")}`;
    const { trialWillEnd } = await trialingWorkspace(db, workspaceId, { secret, trialEnd: inThreeDays() });
    const started = deferred<TrialEndingNotice>();
    const release = deferred();
    const { logger, lines } = captureLogger();
    const reply = await handleStripeWebhook(
      {
        secret,
        db,
        logger,
        notifyTrialEnding: async (notice) => {
          started.resolve(notice);
          await release.promise;
          throw new Error("Slack is down");
        },
      },
      requestOf(trialWillEnd),
    );
    // The notice is still held back by the test: the reply did not wait for it.
    expect(reply).toEqual({ status: 200, body: { received: true, outcome: "applied" } });
    expect((await started.promise).workspaceId).toBe(workspaceId);
    release.resolve();
    const logged = await waitFor(async () =>
      lines.find((line) => line.msg === "could not tell the admins the trial ends soon"),
    );
    expect(logged).toMatchObject({
      level: 50,
      err: "Slack is down",
      workspaceId,
      eventId: trialWillEnd.event.id,
    });
  });
});
