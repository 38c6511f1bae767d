import type Stripe from "stripe";
import { billingStatusOf } from "#shared/billing/billing-status.ts";
import type { Db } from "#shared/db/database.ts";
import { errorMessage } from "#shared/errors/app-error.ts";
import type { Logger } from "#shared/log/logger.ts";
import { noTelemetry, type Telemetry } from "#shared/telemetry/telemetry.ts";
import { type AppliedStripeEvent, applyStripeEvent, stripeEventSeen } from "./apply-stripe-event.ts";
import type { FetchSubscription } from "./fetch-subscription.ts";
import { stripeCheckoutSessionSchema } from "./stripe-event-payloads.ts";
import type { SubscriptionSnapshot } from "./subscription-snapshot.ts";
import { verifyStripeEvent } from "./verify-stripe-event.ts";

export interface TrialEndingNotice {
  workspaceId: string;
  trialEndsAt: Date | null;
}

export interface StripeWebhookDependencies {
  /** STRIPE_WEBHOOK_SECRET (whsec_…): the endpoint's signing secret. */
  secret: string;
  db: Db;
  logger: Logger;
  telemetry?: Telemetry;
  /** Reads a fresh Checkout's subscription; without it (no STRIPE_SECRET_KEY) the subscription events fill it in. */
  fetchSubscription?: FetchSubscription;
  /**
   * Tells the workspace's admins their trial ends soon. Started, not awaited: the reply does not
   * wait for it, and a failure is logged. Without it, the log line alone.
   */
  notifyTrialEnding?: (notice: TrialEndingNotice) => Promise<void>;
  /** The clock the signature's age is judged by. */
  nowMilliseconds?: () => number;
}

export interface StripeWebhookRequest {
  /** The body exactly as received: the signature covers these bytes. */
  rawBody: Uint8Array;
  /** `Stripe-Signature`. */
  signature: string | undefined;
}

export interface StripeWebhookReply {
  status: 200 | 400 | 500;
  body: Record<string, unknown>;
}

/**
 * `POST /webhooks/stripe`: verify → apply once → acknowledge. 400 for anything unsigned or stale
 * (nothing applied); 200 for applied, duplicate, out-of-date, unknown-workspace and unhandled
 * events; 500 when the transaction failed, so Stripe delivers again later.
 */
export async function handleStripeWebhook(
  dependencies: StripeWebhookDependencies,
  request: StripeWebhookRequest,
): Promise<StripeWebhookReply> {
  const telemetry = dependencies.telemetry ?? noTelemetry;
  const logger = dependencies.logger.child({ component: "stripe-webhook" });
  const verified = verifyStripeEvent(
    request.rawBody,
    request.signature,
    dependencies.secret,
    dependencies.nowMilliseconds?.(),
  );
  if (!verified.ok) {
    logger.warn({ reason: verified.reason, bytes: request.rawBody.byteLength }, "stripe webhook rejected");
    telemetry.stripeWebhook({ type: "unverified", outcome: "rejected" });
    return { status: 400, body: { error: verified.reason } };
  }
  const { event } = verified;
  const eventLogger = logger.child({ eventId: event.id, type: event.type });
  let applied: AppliedStripeEvent;
  try {
    applied = await applyStripeEvent(dependencies.db, event, {
      fetched: await prefetch(dependencies, event, eventLogger),
    });
  } catch (error) {
    eventLogger.error({ err: errorMessage(error) }, "stripe webhook not applied; Stripe will retry");
    telemetry.stripeWebhook({ type: event.type, outcome: "failed" });
    return { status: 500, body: { error: "not applied, retry" } };
  }
  telemetry.stripeWebhook({ type: event.type, outcome: applied.outcome });
  if (applied.outcome !== "applied") {
    eventLogger.info(
      {
        outcome: applied.outcome,
        ...("reason" in applied ? { reason: applied.reason } : {}),
        ...("workspaceId" in applied ? { workspaceId: applied.workspaceId } : {}),
      },
      "stripe webhook changed nothing",
    );
    return { status: 200, body: { received: true, outcome: applied.outcome } };
  }
  const { effect } = applied;
  const from = billingStatusOf(effect.fromStatus);
  const to = billingStatusOf(effect.toStatus);
  eventLogger.info(
    { outcome: "applied", workspaceId: effect.workspaceId, from, to },
    "stripe webhook applied",
  );
  if (from !== to) telemetry.billingStatusChanged({ workspaceId: effect.workspaceId, from, to });
  if (event.type === "customer.subscription.trial_will_end") {
    const notice = { workspaceId: effect.workspaceId, trialEndsAt: effect.trialEndsAt ?? null };
    eventLogger.info(
      { workspaceId: notice.workspaceId, trialEndsAt: notice.trialEndsAt?.toISOString() },
      "trial ends soon",
    );
    const notify = dependencies.notifyTrialEnding;
    // Stripe needs only the 2xx (and gives up after ~10 s): the reply does not wait for the DMs.
    if (notify) {
      void Promise.resolve()
        .then(() => notify(notice))
        .catch((error: unknown) =>
          eventLogger.error(
            { err: errorMessage(error), workspaceId: notice.workspaceId },
            "could not tell the admins the trial ends soon",
          ),
        );
    }
  }
  return { status: 200, body: { received: true, outcome: "applied" } };
}

/**
 * A completed Checkout names its subscription by id: read it from Stripe first (outside the
 * transaction, never holding a lock across the network). Skipped for a redelivery; a failure only
 * means the subscription events fill the status in.
 */
async function prefetch(
  dependencies: StripeWebhookDependencies,
  event: Stripe.Event,
  logger: Logger,
): Promise<SubscriptionSnapshot | undefined> {
  if (event.type !== "checkout.session.completed" || !dependencies.fetchSubscription) return undefined;
  const session = stripeCheckoutSessionSchema.safeParse(event.data.object);
  const subscription = session.success ? session.data.subscription : undefined;
  if (typeof subscription !== "string") return undefined;
  if (await stripeEventSeen(dependencies.db, event.id)) return undefined;
  try {
    return await dependencies.fetchSubscription(subscription);
  } catch (error) {
    logger.warn(
      { err: errorMessage(error) },
      "could not read the new subscription from Stripe; its events will set it",
    );
    return undefined;
  }
}
