import { chmod, writeFile } from "node:fs/promises";
import type { AddressInfo } from "node:net";
import { resolve } from "node:path";
import { createAdaptorServer } from "@hono/node-server";
import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import type { Redis } from "ioredis";
import { handleNotionWebhook } from "#connectors/notion/webhooks/handle-notion-webhook.ts";
import { type OAuthStateLedger, redisOAuthStateLedger } from "#connectors/oauth/oauth-state-ledger.ts";
import type { TrialEndingAlerts } from "#shared/billing/webhooks/trial-ending-alerts.ts";
import type { Env } from "#shared/config/env.ts";
import type { Db } from "#shared/db/database.ts";
import { AppError, ErrorCode, errorMessage } from "#shared/errors/app-error.ts";
import { makeDirectory } from "#shared/fs/make-directory.ts";
import type { Logger } from "#shared/log/logger.ts";
import { inFlightWork } from "#shared/process/in-flight-work.ts";
import type { Producer } from "#shared/queue/enqueue.ts";
import type { JobPayloadInput } from "#shared/queue/job-catalog.ts";
import type { Telemetry } from "#shared/telemetry/telemetry.ts";
import { billingAlertsFromEnv } from "./billing-alerts-from-env.ts";
import { addBillingReturnRoutes } from "./billing-return-routes.ts";
import { webConfigured } from "./configured-roles.ts";
import { type OAuthCallbackEnv, oauthCallbackRoutes } from "./oauth-callback-routes.ts";
import type { RoleContext, RunningRole } from "./role.ts";
import { addStripeWebhookRoute, type StripeWebhookEnv } from "./stripe-webhook-route.ts";

export const notionWebhookPath = "/webhooks/notion";

export type WebEnv = OAuthCallbackEnv &
  StripeWebhookEnv &
  Pick<Env, "NOTION_WEBHOOK_SECRET" | "NOTION_TOKEN" | "SABIO_WORKSPACE" | "QUEUE_PREFIX" | "DATA_DIR">;

export interface WebAppDependencies {
  env: WebEnv;
  db: Db;
  /** Remembers used OAuth states (Redis in production). */
  ledger: OAuthStateLedger;
  producer: Producer;
  logger: Logger;
  /** For the vendors' token endpoints (tests, proxies). */
  fetch?: typeof fetch;
  /** Observers of Stripe webhook outcomes and billing status changes. */
  telemetry?: Telemetry;
  /** DMs admins on `customer.subscription.trial_will_end`, not awaited by the reply to Stripe; without it, the log line alone. */
  trialEndingAlerts?: TrialEndingAlerts;
}

/** How long a graceful close waits for DMs still being sent after a webhook's reply. */
const afterReplyGraceMs = 5_000;

/** Notion events are small; anything bigger is not one. */
const maxWebhookBytes = 256 * 1024;

/** Pages carry the OAuth code and state in their address: never cached, framed or sent as referrer. */
const pageHeaders = {
  "cache-control": "no-store",
  "referrer-policy": "no-referrer",
  "x-frame-options": "DENY",
  "x-content-type-options": "nosniff",
  "content-security-policy": "default-src 'none'; style-src 'unsafe-inline'",
};

/**
 * The routes: `GET /healthz`; each configured provider's OAuth callback (oauth-callback-routes.ts:
 * `/oauth/notion/callback`, `/oauth/google/callback`); `POST /webhooks/notion` when
 * NOTION_WEBHOOK_SECRET is set; `POST /webhooks/stripe` when STRIPE_WEBHOOK_SECRET is set.
 */
export function createWebApp(dependencies: WebAppDependencies): Hono {
  const { env, db, producer } = dependencies;
  const logger = dependencies.logger.child({ component: "web" });
  const enqueueSync = (payload: JobPayloadInput<"sync">) => producer.enqueue("sync", payload);
  const app = new Hono();

  app.get("/healthz", (context) => context.text("ok"));

  const callbackContext = {
    db,
    ledger: dependencies.ledger,
    enqueueSync,
    logger,
    ...(dependencies.fetch ? { fetch: dependencies.fetch } : {}),
    ...(dependencies.telemetry ? { telemetry: dependencies.telemetry } : {}),
  };
  for (const route of oauthCallbackRoutes(env)) {
    app.get(route.path, async (context) => {
      const page = await route.handle(callbackContext, {
        code: context.req.query("code"),
        state: context.req.query("state"),
        error: context.req.query("error"),
      });
      return context.html(page.html, page.status, pageHeaders);
    });
  }

  const secret = env.NOTION_WEBHOOK_SECRET;
  if (secret) {
    app.post(
      notionWebhookPath,
      bodyLimit({
        maxSize: maxWebhookBytes,
        onError: (context) => context.json({ error: "too large" }, 413),
      }),
      async (context) => {
        const reply = await handleNotionWebhook(
          {
            secret,
            db,
            internalWorkspaceId: env.NOTION_TOKEN ? env.SABIO_WORKSPACE : undefined,
            enqueueSync,
            saveVerificationToken: (token) => saveVerificationToken(env.DATA_DIR, token),
            logger,
          },
          {
            rawBody: new Uint8Array(await context.req.arrayBuffer()),
            signature: context.req.header("x-notion-signature"),
          },
        );
        return context.json(reply.body, reply.status);
      },
    );
  }

  const { trialEndingAlerts } = dependencies;
  addStripeWebhookRoute(app, env, {
    db,
    logger,
    telemetry: dependencies.telemetry,
    notifyTrialEnding: trialEndingAlerts ? (notice) => trialEndingAlerts.trialEnding(notice) : undefined,
  });
  if (env.STRIPE_SECRET_KEY) addBillingReturnRoutes(app);

  app.onError((error, context) => {
    logger.error({ err: errorMessage(error), path: context.req.path }, "web request failed");
    return context.text("Something went wrong on the Sabio server. Please try again.", 500);
  });
  return app;
}

/** Where a new webhook subscription's verification token is kept for the admin: readable by this user only. */
async function saveVerificationToken(dataDir: string, token: string): Promise<string> {
  await makeDirectory(dataDir);
  const path = resolve(dataDir, "notion-webhook-verification-token");
  await writeFile(path, `${token}\n`, { mode: 0o600 });
  await chmod(path, 0o600);
  return path;
}

/**
 * The `web` role: an HTTP server on WEB_PORT for the OAuth callbacks and Notion webhooks
 * (behind PUBLIC_URL, e.g. a reverse proxy with TLS).
 */
export async function startWebRole(context: RoleContext): Promise<RunningRole> {
  const { env, logger } = context.services;
  if (!webConfigured(env)) {
    throw new AppError(ErrorCode.InvalidConfig, "The web role has nothing to serve.", {
      hint: "set NOTION_CLIENT_ID, NOTION_CLIENT_SECRET and ENCRYPTION_KEY (connect Notion through OAuth), GOOGLE_CLIENT_ID, GOOGLE_CLIENT_SECRET and ENCRYPTION_KEY (connect Google Drive), NOTION_WEBHOOK_SECRET (Notion webhooks) and/or STRIPE_WEBHOOK_SECRET (Stripe webhooks)",
    });
  }
  const { db } = await context.services.database();
  const redis = context.producerRedis();
  await whenReady(redis, logger);
  // "Trial ends soon" goes to the past-due warnings' admins, on Slack and Discord. The DMs go out
  // after Stripe has its 2xx; a graceful close waits for them (a little).
  const alerts = billingAlertsFromEnv(context.services);
  const afterReply = inFlightWork();
  const trialEndingAlerts: TrialEndingAlerts | undefined = alerts && {
    trialEnding: (notice) => afterReply.track(alerts.trialEnding(notice)),
  };
  const app = createWebApp({
    env,
    db,
    ledger: redisOAuthStateLedger(redis, env.QUEUE_PREFIX),
    producer: context.producer(),
    logger,
    ...(context.telemetry ? { telemetry: context.telemetry } : {}),
    ...(trialEndingAlerts ? { trialEndingAlerts } : {}),
  });
  const server = createAdaptorServer({ fetch: app.fetch });
  const listening = new Promise<number>((resolve, reject) => {
    server.once("error", (error) =>
      reject(
        new AppError(
          ErrorCode.InvalidConfig,
          `The web role cannot listen on port ${env.WEB_PORT}: ${errorMessage(error)}`,
          {
            cause: error,
            hint: "free the port or set WEB_PORT to another one",
          },
        ),
      ),
    );
    server.listen(env.WEB_PORT, () => resolve((server.address() as AddressInfo).port));
  });
  // ready() reports a failed listen; until it is called the rejection must not count as unhandled.
  listening.catch(() => {});
  const closed = () =>
    new Promise<void>((resolve) => {
      if (!server.listening) return resolve();
      server.close(() => resolve());
    });
  return {
    name: "web",
    ready: async () => {
      const port = await listening;
      logger.info(
        {
          port,
          oauthCallbacks: oauthCallbackRoutes(env).map((route) => route.provider),
          notionWebhooks: Boolean(env.NOTION_WEBHOOK_SECRET),
          stripeWebhooks: Boolean(env.STRIPE_WEBHOOK_SECRET),
        },
        "web role listening",
      );
    },
    close: async () => {
      const done = closed();
      if ("closeIdleConnections" in server) server.closeIdleConnections();
      await done;
      await afterReply.settle(afterReplyGraceMs);
    },
    forceClose: async () => {
      const done = closed();
      if ("closeAllConnections" in server) server.closeAllConnections();
      await done;
    },
  };
}

/**
 * Waits up to 10 s for the producer connection (it has no offline queue); after that the role
 * serves anyway and a request that needs Redis answers "try again" until it is back.
 */
async function whenReady(redis: Redis, logger: Logger): Promise<void> {
  if (redis.status === "ready") return;
  const { promise, resolve } = Promise.withResolvers<boolean>();
  const onReady = () => resolve(true);
  const timer = setTimeout(() => resolve(false), 10_000);
  redis.once("ready", onReady);
  const ready = await promise;
  clearTimeout(timer);
  redis.off("ready", onReady);
  if (!ready)
    logger.warn("web role started before Redis was reachable; OAuth callbacks and webhooks wait for it");
}
