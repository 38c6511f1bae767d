import { join } from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureBillingAccount } from "#shared/billing/billing-account-repository.ts";
import { trialEndingText } from "#shared/billing/webhooks/trial-ending-alerts.ts";
import { envSchema } from "#shared/config/env.ts";
import { billingAccounts } from "#shared/db/schema.ts";
import { createProducer, type Producer } from "#shared/queue/enqueue.ts";
import { closeRedisConnection, createRedisConnection } from "#shared/queue/redis-connection.ts";
import { removeQueues } from "#shared/queue/remove-queues.ts";
import { freePort } from "#test/helpers/free-port.ts";
import { captureLogger, randomPrefix, testRedisUrl } from "#test/helpers/queue-test-kit.ts";
import { alertPeople as people, useSlackAlertWorkspace } from "#test/helpers/slack-alert-workspace.ts";
import { makeTempDir } from "#test/helpers/temp-dir.ts";
import { stripeId } from "#test/stand-ins/stripe/stripe-account.ts";
import { signedStripeEvent } from "#test/stand-ins/stripe/stripe-webhook-events.ts";
import type { Output } from "../output.ts";
import { createServices, type Services } from "../services.ts";
import type { RunningRole } from "./role.ts";
import { stripeWebhookPath } from "./stripe-webhook-route.ts";
import { startWebRole } from "./web-role.ts";

const quiet: Output = { out: () => {}, note: () => {}, write: () => {} };
const secret = "whsec_test_web_trial_ending";
const workspaceId = "acme";

describe("the web role on customer.subscription.trial_will_end (Slack stand-in, Redis, PGlite)", () => {
  const workspace = useSlackAlertWorkspace();
  const prefix = randomPrefix();
  const { logger, lines } = captureLogger();
  const redis = createRedisConnection(testRedisUrl, { role: "producer", logger });
  let temp: Awaited<ReturnType<typeof makeTempDir>>;
  let services: Services;
  let producer: Producer;
  let role: RunningRole;
  let base: string;

  beforeAll(async () => {
    temp = await makeTempDir();
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    const env = envSchema.parse({
      DATA_DIR: join(temp.path, "data"),
      REDIS_URL: testRedisUrl,
      QUEUE_PREFIX: prefix,
      STRIPE_WEBHOOK_SECRET: secret,
      SLACK_BOT_TOKEN: "xoxb-test-token",
      SLACK_SIGNING_SECRET: "slack-signing-secret",
      SLACK_API_URL: workspace.slack.apiUrl,
      SABIO_WORKSPACE: workspaceId,
      WEB_PORT: String(port),
      PUBLIC_URL: base,
    });
    services = createServices(env, logger);
    producer = createProducer(redis, { prefix });
    role = await startWebRole({
      services,
      output: quiet,
      workerRedis: () => redis,
      producerRedis: () => redis,
      producer: () => producer,
      platforms: {},
    });
    await role.ready();
  });

  afterAll(async () => {
    await role?.close();
    await producer?.close();
    await removeQueues(redis, prefix);
    await closeRedisConnection(redis);
    await services?.close();
    await temp?.remove();
  });

  it("DMs each Slack admin once with the trial's end and how to subscribe, even when Stripe delivers twice", async () => {
    const { db } = await services.database();
    const ids = { customer: stripeId("cus"), subscription: stripeId("sub") };
    await ensureBillingAccount(db, workspaceId, { now: new Date(), trialDays: 14 });
    await db
      .update(billingAccounts)
      .set({ customerId: ids.customer, subscriptionId: ids.subscription, subscriptionStatus: "trialing" })
      .where(eq(billingAccounts.workspaceId, workspaceId));
    const trialEnd = Date.UTC(2030, 5, 17, 12) / 1000;
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
    const deliver = () =>
      fetch(`${base}${stripeWebhookPath}`, {
        method: "POST",
        headers: { "content-type": "application/json", "stripe-signature": signed.signature },
        body: signed.payload,
      });
    expect((await deliver()).status).toBe(200);
    expect((await deliver()).status).toBe(200);

    const text =
      "Sabio's trial for this workspace ends on 2030-06-17: an admin can subscribe with /sabio billing.";
    expect(trialEndingText(new Date(trialEnd * 1000))).toBe(text);
    expect(workspace.botMessagesTo(people.admin).map((message) => message.text)).toEqual([text]);
    expect(workspace.botMessagesTo(people.owner).map((message) => message.text)).toEqual([text]);
    expect(workspace.botMessagesTo(people.member)).toEqual([]);
    expect(JSON.stringify(lines)).not.toContain(secret);
  });
});
