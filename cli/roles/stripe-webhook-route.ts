import type { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { createStripeClient } from "#shared/billing/stripe/stripe-client.ts";
import {
  type FetchSubscription,
  stripeSubscriptionFetcher,
} from "#shared/billing/webhooks/fetch-subscription.ts";
import {
  handleStripeWebhook,
  type TrialEndingNotice,
} from "#shared/billing/webhooks/handle-stripe-webhook.ts";
import type { Env } from "#shared/config/env.ts";
import type { Db } from "#shared/db/database.ts";
import type { Logger } from "#shared/log/logger.ts";
import type { Telemetry } from "#shared/telemetry/telemetry.ts";

export const stripeWebhookPath = "/webhooks/stripe";

export type StripeWebhookEnv = Pick<Env, "STRIPE_WEBHOOK_SECRET" | "STRIPE_SECRET_KEY" | "STRIPE_API_URL">;

/** Stripe events are a few kilobytes; a subscription with many items stays well under this. */
const maxStripeEventBytes = 1024 * 1024;

/**
 * `POST /webhooks/stripe` when STRIPE_WEBHOOK_SECRET is set. The body is read as bytes and never
 * parsed before the signature check. With STRIPE_SECRET_KEY a completed Checkout's subscription is
 * read from Stripe (STRIPE_API_URL) for its status and item.
 */
export function addStripeWebhookRoute(
  app: Hono,
  env: StripeWebhookEnv,
  dependencies: {
    db: Db;
    logger: Logger;
    telemetry?: Telemetry | undefined;
    fetchSubscription?: FetchSubscription | undefined;
    /** Tells admins a trial ends in three days, not awaited by the reply; without it, the log line alone. */
    notifyTrialEnding?: ((notice: TrialEndingNotice) => Promise<void>) | undefined;
  },
): void {
  const secret = env.STRIPE_WEBHOOK_SECRET;
  if (!secret) return;
  const fetchSubscription =
    dependencies.fetchSubscription ??
    (env.STRIPE_SECRET_KEY
      ? stripeSubscriptionFetcher(
          createStripeClient({ secretKey: env.STRIPE_SECRET_KEY, apiUrl: env.STRIPE_API_URL }),
        )
      : undefined);
  app.post(
    stripeWebhookPath,
    bodyLimit({
      maxSize: maxStripeEventBytes,
      onError: (context) => context.json({ error: "too large" }, 413),
    }),
    async (context) => {
      const reply = await handleStripeWebhook(
        {
          secret,
          db: dependencies.db,
          logger: dependencies.logger,
          ...(dependencies.telemetry ? { telemetry: dependencies.telemetry } : {}),
          ...(fetchSubscription ? { fetchSubscription } : {}),
          ...(dependencies.notifyTrialEnding ? { notifyTrialEnding: dependencies.notifyTrialEnding } : {}),
        },
        {
          rawBody: new Uint8Array(await context.req.arrayBuffer()),
          signature: context.req.header("stripe-signature"),
        },
      );
      return context.json(reply.body, reply.status);
    },
  );
}
