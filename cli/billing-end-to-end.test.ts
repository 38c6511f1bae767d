import type { ChildProcess } from "node:child_process";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from "vitest";
import { answerActionIds } from "#bots/slack/format/answer-action-ids.ts";
import { refusalTexts } from "#shared/billing/access-decision.ts";
import { seatIdempotencyKey } from "#shared/billing/seats/seat-idempotency-key.ts";
import { billingAccounts, stripeEvents } from "#shared/db/schema.ts";
import { traceIdOf } from "#shared/telemetry/trace-ids.ts";
import {
  type BillingProcessKit,
  secrets,
  startBillingProcessKit,
  workspace,
} from "#test/billing/billing-process-kit.ts";
import { waitForOutput, waitForStart } from "#test/helpers/process-output.ts";
import { parsePrometheusText, sampleValue } from "#test/helpers/prometheus-text.ts";
import { runSabio } from "#test/helpers/run-sabio.ts";
import { waitFor } from "#test/helpers/wait-for.ts";
import type { StoredMessage } from "#test/stand-ins/slack-server.ts";
import { signedStripeEvent } from "#test/stand-ins/stripe/stripe-webhook-events.ts";

/**
 * Issue 13's "Done means" through one real `sabio start` (slack, answer and web roles) with every
 * vendor a stand-in: refused past the trial → an admin's Checkout link → signed webhooks (one
 * duplicated at once, one out of order) turn answers on once → seats follow a new member with one
 * quantity update → one Langfuse trace per answer and a score after 👍 → PostHog events without
 * text → /metrics shows the series → SIGTERM exits 0. Steps run in order on one workspace, each
 * waiting on a signal (a Slack message, a stand-in's record, a job, a row); the machine is slow.
 */

const testTimeoutMs = 300_000;
const minute = 60_000;

const questions = {
  refused: "Where do visitors park?",
  first: "Where do visitors park in the garage?",
  second: "Which level of the garage do visitors park on?",
  third: "Where do visitors park their cars?",
} as const;
const answerText = "level minus two";

/** The question id the answer's buttons carry. */
function questionIdOf(reply: StoredMessage): string {
  const id = /"value":"([0-9a-f-]{36})"/.exec(JSON.stringify(reply))?.[1];
  if (!id) throw new Error(`no question id on ${JSON.stringify(reply)}`);
  return id;
}

describe("billing and observability end to end (real sabio start; Slack, Ollama, Stripe, Langfuse, PostHog stand-ins)", () => {
  let kit: BillingProcessKit;
  let child: ChildProcess | undefined;
  let output = "";

  beforeAll(async () => {
    kit = await startBillingProcessKit();
  }, testTimeoutMs);

  afterAll(async () => {
    if (child && child.exitCode === null) child.kill("SIGKILL");
    await kit?.dispose();
  });

  it(
    "refuses, sells a seat through Checkout, answers, follows seats, traces, counts and stops cleanly",
    async () => {
      child = kit.start();
      // What the process said, shown when a step fails (and with the exit code).
      onTestFailed(() => console.error(`sabio start said:\n${output.slice(-8_000)}`));
      const keep = (data: Buffer) => {
        output += data.toString();
      };
      child.stdout?.on("data", keep);
      child.stderr?.on("data", keep);
      await waitForStart(child);
      const { stripe, ollama, langfuse, posthog } = kit;
      const db = kit.database.db;

      // 1. Past the (zero-day) trial without a subscription: the polite refusal, and no model call.
      const chatCalls = () => ollama.requestsTo("/api/chat").length;
      const chatsBefore = chatCalls();
      expect(await kit.mention("U1", "1700000001.000100", questions.refused)).toBe(200);
      const refusal = await kit.botReply("1700000001.000100", /\/sabio billing/);
      expect(refusal.text).toContain(refusalTexts.trialOver.split(" `")[0]);
      expect(chatCalls()).toBe(chatsBefore);

      // 2. An admin's /sabio billing: an ephemeral Checkout link for one seat (U1 asked).
      const billing = await kit.command("billing", "UADMIN");
      expect(billing.status).toBe(200);
      const billingAnswer = (await billing.answer) as { response_type: string; text: string };
      expect(billingAnswer.response_type).toBe("ephemeral");
      const checkoutUrl = /<([^|>]+)\|Subscribe with Stripe Checkout>/.exec(billingAnswer.text)?.[1];
      expect(checkoutUrl).toMatch(/\/c\/pay\/cs_test_/);
      const sessions = stripe.requestsTo("/v1/checkout/sessions", "POST");
      expect(sessions).toHaveLength(1);
      expect(sessions[0]?.body).toMatchObject({
        mode: "subscription",
        client_reference_id: workspace,
        line_items: [{ price: stripe.priceId, quantity: "1" }],
      });
      // BILLING_TRIAL_DAYS=0: no trial asked for (Stripe rejects trial_period_days: 0).
      expect(JSON.stringify(sessions[0]?.body)).not.toContain("trial_period_days");

      // 3. Checkout completes; its event arrives twice at once, then the subscription events, one late.
      const { session, subscription } = stripe.account.completeCheckout(checkoutUrl?.split("/").at(-1) ?? "");
      const now = Math.floor(Date.now() / 1000);
      const sign = (type: string, object: unknown, created: number) =>
        signedStripeEvent({ type, object, secret: secrets.stripeWebhookSecret, created });
      const completed = sign("checkout.session.completed", session, now);
      const twice = await Promise.all([kit.deliverStripe(completed), kit.deliverStripe(completed)]);
      expect(twice.map((reply) => reply.status)).toEqual([200, 200]);
      expect(twice.map((reply) => reply.body.outcome).sort()).toEqual(["applied", "duplicate"]);
      const created = await kit.deliverStripe(sign("customer.subscription.created", subscription, now + 1));
      expect(created).toEqual({ status: 200, body: { received: true, outcome: "applied" } });
      const newer = await kit.deliverStripe(sign("customer.subscription.updated", subscription, now + 3));
      expect(newer.body.outcome).toBe("applied");
      const older = sign("customer.subscription.updated", { ...subscription, status: "past_due" }, now + 2);
      expect(await kit.deliverStripe(older)).toEqual({
        status: 200,
        body: { received: true, outcome: "stale" },
      });

      const [account] = await db
        .select()
        .from(billingAccounts)
        .where(eq(billingAccounts.workspaceId, workspace));
      expect(account).toMatchObject({
        subscriptionId: subscription.id,
        subscriptionStatus: "active",
        subscriptionEventAt: new Date((now + 3) * 1000),
        syncedSeats: 1,
      });
      const recorded = await db
        .select()
        .from(stripeEvents)
        .where(eq(stripeEvents.eventId, completed.event.id));
      expect(recorded).toHaveLength(1);
      const cli = await runSabio(["billing", "--workspace", workspace, "--json"], kit.cliEnv);
      expect(cli.code, cli.notes).toBe(0);
      expect(JSON.parse(cli.stdout)).toMatchObject({
        status: "active",
        seats: 1,
        portalUrl: expect.any(String),
      });

      // 4. Answers are back; a second person is one seat more, synced once; a repeat asker changes nothing.
      expect(await kit.mention("U1", "1700000002.000100", questions.first)).toBe(200);
      const firstAnswer = await kit.botReply("1700000002.000100", /level minus two/);
      expect(JSON.stringify(firstAnswer)).toContain("parking.md");
      expect(await kit.mention("U2", "1700000003.000100", questions.second)).toBe(200);
      const secondAnswer = await kit.botReply("1700000003.000100", /level minus two/);
      // The asker's activity is recorded before the answer, so the sync is waiting by now.
      const delayed = await kit.seats.getDelayed();
      expect(delayed.map((job) => job.data)).toEqual([{ workspaceId: workspace, reason: "activity" }]);
      const synced = waitForOutput(child, /seat quantity updated/, 2 * minute);
      await delayed[0]?.promote(); // instead of waiting out the minute that gathers joiners
      await synced;
      const itemId = subscription.items.data[0]?.id ?? "";
      const updates = () => stripe.requestsTo(`/v1/subscription_items/${itemId}`, "POST");
      expect(updates().map((request) => ({ body: request.body, key: request.idempotencyKey }))).toEqual([
        {
          body: expect.objectContaining({ quantity: "2", proration_behavior: "create_prorations" }),
          key: seatIdempotencyKey(workspace, 2, 1),
        },
      ]);
      expect(await kit.mention("U2", "1700000004.000100", questions.third)).toBe(200);
      const thirdAnswer = await kit.botReply("1700000004.000100", /level minus two/);
      expect(await kit.seats.getJobCounts("delayed", "waiting", "prioritized", "active")).toEqual({
        delayed: 0,
        waiting: 0,
        prioritized: 0,
        active: 0,
      });
      expect(updates()).toHaveLength(1);

      // 5. Langfuse: one trace per answer (retrieval and generation in it); 👍 scores that trace.
      const answered = [firstAnswer, secondAnswer, thirdAnswer].map(questionIdOf);
      const traceIds = answered.map(traceIdOf);
      const spansOf = (traceId: string) => langfuse.spans.filter((span) => span.traceId === traceId);
      await waitFor(
        async () =>
          traceIds.every((traceId) =>
            ["question", "retrieval", "generation"].every((name) =>
              spansOf(traceId).some((span) => span.name === name),
            ),
          ) || undefined,
        2 * minute,
      );
      for (const traceId of traceIds) {
        const spans = spansOf(traceId);
        const roots = spans.filter((span) => span.name === "question");
        expect(roots).toHaveLength(1);
        expect(roots[0]?.attributes["langfuse.trace.metadata.workspace_id"]).toBe(workspace);
        expect(spans.find((span) => span.name === "retrieval")?.attributes["langfuse.observation.type"]).toBe(
          "retriever",
        );
        expect(
          spans.find((span) => span.name === "generation")?.attributes["langfuse.observation.type"],
        ).toBe("generation");
      }
      const tracesWith = (name: string) =>
        new Set(langfuse.spans.filter((span) => span.name === name).map((span) => span.traceId));
      expect(tracesWith("retrieval")).toEqual(new Set(traceIds));
      expect(tracesWith("generation")).toEqual(new Set(traceIds));

      const [firstId] = answered;
      expect(
        await kit.click(answerActionIds.feedbackUp, firstId ?? "", "U1", firstAnswer, "1700000002.000100"),
      ).toBe(200);
      await langfuse.waitForScoreEvents(1);
      expect(langfuse.scores()).toEqual([
        expect.objectContaining({
          traceId: traceIdOf(firstId ?? ""),
          name: "user_feedback",
          value: 1,
          dataType: "BOOLEAN",
        }),
      ]);

      // 6. PostHog: the events, each with the workspace group, none carrying text or a secret.
      const named = (event: string) => posthog.events.filter((item) => item.event === event);
      await waitFor(
        async () =>
          (named("answer_posted").length >= 4 &&
            named("feedback_given").length >= 1 &&
            named("billing_status_changed").length >= 1) ||
          undefined,
        2 * minute,
      );
      const counts = ["question_asked", "answer_posted", "feedback_given", "billing_status_changed"].map(
        (event) => [event, named(event).length],
      );
      // Four questions (one refused), one 👍, and the status changed once despite the duplicate.
      expect(Object.fromEntries(counts)).toEqual({
        question_asked: 4,
        answer_posted: 4,
        feedback_given: 1,
        billing_status_changed: 1,
      });
      expect(named("billing_status_changed")[0]?.properties).toMatchObject({ from: "none", to: "active" });
      for (const event of posthog.events)
        expect(event.properties.$groups?.workspace, event.event).toBe(workspace);
      const events = JSON.stringify(posthog.events.map(({ api_key: _key, ...event }) => event));
      for (const forbidden of [
        ...Object.values(questions),
        answerText,
        refusalTexts.trialOver,
        stripe.secretKey,
        ...Object.values(secrets),
      ]) {
        expect(events, forbidden).not.toContain(forbidden);
      }

      // 7. /metrics: questions by outcome (refused too), latency, webhook outcomes, queue depth.
      const metrics = await fetch(`http://127.0.0.1:${kit.metricsPort}/metrics`);
      expect(metrics.status).toBe(200);
      const samples = parsePrometheusText(await metrics.text());
      expect(sampleValue(samples, "sabio_questions_total", { outcome: "refused" })).toBe(1);
      expect(sampleValue(samples, "sabio_questions_total", { outcome: "generated" })).toBe(3);
      expect(sampleValue(samples, "sabio_answer_latency_seconds_count")).toBe(4);
      const webhooks = (type: string, outcome: string) =>
        sampleValue(samples, "sabio_stripe_webhooks_total", { type, outcome });
      expect(webhooks("checkout.session.completed", "applied")).toBe(1);
      expect(webhooks("checkout.session.completed", "duplicate")).toBe(1);
      expect(webhooks("customer.subscription.updated", "applied")).toBe(1);
      expect(webhooks("customer.subscription.updated", "stale")).toBe(1);
      for (const queue of ["questions", "seats"]) {
        expect(sampleValue(samples, "sabio_queue_depth", { queue }), queue).toBe(0);
      }

      // 8. SIGTERM: a clean stop.
      const exited = new Promise<number | null>((resolve) => child?.once("exit", (code) => resolve(code)));
      child.kill("SIGTERM");
      expect(await exited, output.slice(-4_000)).toBe(0);
    },
    testTimeoutMs,
  );
});
