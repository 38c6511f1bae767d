import { eq, sql } from "drizzle-orm";
import type Stripe from "stripe";
import type { Db } from "#shared/db/database.ts";
import { billingAccounts } from "#shared/db/schema.ts";
import { applySubscriptionSnapshot, type EventEffect, isStale } from "./apply-subscription-snapshot.ts";
import { lockBillingAccount, lockWorkspaceBillingAccount } from "./lock-billing-account.ts";
import {
  invoiceSubscriptionId,
  stripeCheckoutSessionSchema,
  stripeInvoiceSchema,
  stripeSubscriptionSchema,
} from "./stripe-event-payloads.ts";
import { type SubscriptionSnapshot, subscriptionSnapshot } from "./subscription-snapshot.ts";

export interface HandlerContext {
  /** The subscription as Stripe has it now, fetched before the transaction (checkout only). */
  fetched?: SubscriptionSnapshot | undefined;
}

/** Applies one verified event inside the transaction that records it. */
export type StripeEventHandler = (
  tx: Db,
  event: Stripe.Event,
  context: HandlerContext,
) => Promise<EventEffect>;

const eventTime = (event: Stripe.Event) => new Date(event.created * 1000);

const subscriptionChanged: StripeEventHandler = async (tx, event) => {
  const snapshot = subscriptionSnapshot(stripeSubscriptionSchema.parse(event.data.object), {
    deleted: event.type === "customer.subscription.deleted",
  });
  const account = await lockBillingAccount(tx, snapshot);
  if (!account) return { kind: "unknown", reason: "no workspace has this customer or subscription" };
  return applySubscriptionSnapshot(tx, account, snapshot, eventTime(event));
};

/** Checkout finished: the workspace (client_reference_id) now has a customer and a subscription. */
const checkoutCompleted: StripeEventHandler = async (tx, event, context) => {
  const session = stripeCheckoutSessionSchema.parse(event.data.object);
  const workspaceId = session.client_reference_id ?? session.metadata?.workspace_id;
  if (!workspaceId) return { kind: "unknown", reason: "the Checkout session names no workspace" };
  const account = await lockWorkspaceBillingAccount(tx, workspaceId);
  if (!account) return { kind: "unknown", reason: "no such workspace" };
  const expanded =
    typeof session.subscription === "object" && session.subscription
      ? subscriptionSnapshot(session.subscription)
      : undefined;
  const snapshot = context.fetched ?? expanded;
  if (snapshot) return applySubscriptionSnapshot(tx, account, snapshot, eventTime(event));
  const subscriptionId = typeof session.subscription === "string" ? session.subscription : undefined;
  await tx
    .update(billingAccounts)
    .set({
      ...(session.customer ? { customerId: session.customer } : {}),
      ...(subscriptionId ? { subscriptionId } : {}),
      updatedAt: sql`now()`,
    })
    .where(eq(billingAccounts.workspaceId, account.workspaceId));
  // The status arrives with customer.subscription.created.
  return {
    kind: "applied",
    workspaceId: account.workspaceId,
    fromStatus: account.subscriptionStatus,
    toStatus: account.subscriptionStatus,
  };
};

/**
 * An invoice paid or failed: a failure makes a standing subscription past_due, a payment ends
 * past_due. Other statuses (a trial's zero invoice) are the subscription events' to set.
 */
function invoiceSettled(paid: boolean): StripeEventHandler {
  return async (tx, event) => {
    const invoice = stripeInvoiceSchema.parse(event.data.object);
    const subscriptionId = invoiceSubscriptionId(invoice);
    if (!subscriptionId) return { kind: "unknown", reason: "the invoice is not for a subscription" };
    const account = await lockBillingAccount(tx, { subscriptionId, customerId: undefined });
    if (!account) return { kind: "unknown", reason: "no workspace has this subscription" };
    const workspaceId = account.workspaceId;
    if (isStale(account, eventTime(event))) return { kind: "stale", workspaceId };
    const from = account.subscriptionStatus;
    const to = paid
      ? from === "past_due" || from === "unpaid"
        ? "active"
        : from
      : from === "active" || from === "trialing"
        ? "past_due"
        : from;
    if (to !== from)
      await tx
        .update(billingAccounts)
        .set({ subscriptionStatus: to, subscriptionEventAt: eventTime(event), updatedAt: sql`now()` })
        .where(eq(billingAccounts.workspaceId, workspaceId));
    return { kind: "applied", workspaceId, fromStatus: from, toStatus: to };
  };
}

/** Three days before a trial ends: nothing to store; the admins are told after the commit. */
const trialWillEnd: StripeEventHandler = async (tx, event) => {
  const snapshot = subscriptionSnapshot(stripeSubscriptionSchema.parse(event.data.object));
  const account = await lockBillingAccount(tx, snapshot);
  if (!account) return { kind: "unknown", reason: "no workspace has this customer or subscription" };
  const status = account.subscriptionStatus;
  return {
    kind: "applied",
    workspaceId: account.workspaceId,
    fromStatus: status,
    toStatus: status,
    trialEndsAt: snapshot.trialEndsAt,
  };
};

/** Event types Sabio acts on; every other type is acknowledged and ignored. */
export const stripeEventHandlers: Readonly<Record<string, StripeEventHandler>> = {
  "checkout.session.completed": checkoutCompleted,
  "customer.subscription.created": subscriptionChanged,
  "customer.subscription.updated": subscriptionChanged,
  "customer.subscription.deleted": subscriptionChanged,
  "customer.subscription.trial_will_end": trialWillEnd,
  "invoice.paid": invoiceSettled(true),
  "invoice.payment_failed": invoiceSettled(false),
};
