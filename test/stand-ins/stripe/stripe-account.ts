import { randomBytes } from "node:crypto";

/** Objects as the API (2026-11-18) returns them: only the fields Sabio or its tests read, plus ids. */
export interface StandInCustomer {
  id: string;
  object: "customer";
  created: number;
  name: string | null;
  metadata: Record<string, string>;
  livemode: false;
}

export interface StandInCheckoutSession {
  id: string;
  object: "checkout.session";
  created: number;
  mode: string;
  status: "open" | "complete";
  url: string;
  customer: string | null;
  client_reference_id: string | null;
  subscription: string | null;
  metadata: Record<string, string>;
  success_url: string;
  cancel_url: string;
  line_items: { price: string; quantity: number }[];
  trial_period_days: number | null;
  livemode: false;
}

export interface StandInSubscriptionItem {
  id: string;
  object: "subscription_item";
  created: number;
  subscription: string;
  quantity: number;
  price: { id: string; object: "price" };
  current_period_start: number;
  current_period_end: number;
}

export interface StandInSubscription {
  id: string;
  object: "subscription";
  created: number;
  customer: string;
  status: string;
  cancel_at_period_end: boolean;
  trial_end: number | null;
  metadata: Record<string, string>;
  items: { object: "list"; data: StandInSubscriptionItem[]; has_more: false; url: string };
  livemode: false;
}

export function stripeId(prefix: string): string {
  return `${prefix}_${randomBytes(12).toString("base64url").replaceAll(/[-_]/g, "x")}`;
}

const dayS = 24 * 60 * 60;

/** Everything the stand-in's account holds; the routes and the test-side helpers both change it. */
export class StripeAccount {
  readonly customers = new Map<string, StandInCustomer>();
  readonly sessions = new Map<string, StandInCheckoutSession>();
  readonly subscriptions = new Map<string, StandInSubscription>();
  /** Unix seconds; tests move it with `setClock`. */
  now: () => number = () => Math.floor(Date.now() / 1000);

  subscriptionItem(id: string): StandInSubscriptionItem | undefined {
    for (const subscription of this.subscriptions.values()) {
      const item = subscription.items.data.find((candidate) => candidate.id === id);
      if (item) return item;
    }
    return undefined;
  }

  /**
   * What Stripe does when the payer finishes Checkout: a subscription for the session's line item
   * (trialing when the session asked for a trial), the session complete. Returns both for events.
   */
  completeCheckout(
    sessionId: string,
    options: { status?: string } = {},
  ): { session: StandInCheckoutSession; subscription: StandInSubscription } {
    const session = this.sessions.get(sessionId);
    if (!session) throw new Error(`no checkout session ${sessionId}`);
    if (!session.customer) throw new Error(`checkout session ${sessionId} has no customer`);
    const line = session.line_items[0];
    if (!line) throw new Error(`checkout session ${sessionId} has no line item`);
    const created = this.now();
    const subscriptionId = stripeId("sub");
    const trialEnd = session.trial_period_days ? created + session.trial_period_days * dayS : null;
    const subscription: StandInSubscription = {
      id: subscriptionId,
      object: "subscription",
      created,
      customer: session.customer,
      status: options.status ?? (trialEnd ? "trialing" : "active"),
      cancel_at_period_end: false,
      trial_end: trialEnd,
      metadata: { ...session.metadata },
      items: {
        object: "list",
        has_more: false,
        url: `/v1/subscription_items?subscription=${subscriptionId}`,
        data: [
          {
            id: stripeId("si"),
            object: "subscription_item",
            created,
            subscription: subscriptionId,
            quantity: line.quantity,
            price: { id: line.price, object: "price" },
            current_period_start: created,
            current_period_end: trialEnd ?? created + 30 * dayS,
          },
        ],
      },
      livemode: false,
    };
    this.subscriptions.set(subscriptionId, subscription);
    session.status = "complete";
    session.subscription = subscriptionId;
    return { session, subscription };
  }
}
