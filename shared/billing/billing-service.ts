import type { Db } from "#shared/db/database.ts";
import type { BillingAccountRow } from "#shared/db/schema.ts";
import { AppError, ErrorCode } from "#shared/errors/app-error.ts";
import { type AccessDecision, decideAccess } from "./access-decision.ts";
import { claimPastDueWarning, ensureBillingAccount, recordCustomer } from "./billing-account-repository.ts";
import type { BillingProvider } from "./billing-provider.ts";
import { type BillingStatus, billingStatusOf, hasLiveSubscription } from "./billing-status.ts";

/** What `sabio billing` and `/sabio billing` show. */
export interface BillingSummary {
  status: BillingStatus;
  seats: number;
  /** The local trial's (or the subscription trial's) end; null when there is none or billing is off. */
  trialEndsAt: string | null;
  /** A Checkout link when there is no live subscription. */
  checkoutUrl?: string;
  /** The Customer Portal otherwise. */
  portalUrl?: string;
}

export interface Billing {
  /** False when STRIPE_SECRET_KEY is unset: everything is allowed and nothing reaches Stripe. */
  readonly enabled: boolean;
  /** Whether the workspace may get answers now; `warnAdmins` is true at most once a day. */
  access(workspaceId: string): Promise<AccessDecision>;
  /** The status, seats and the admin's link (Checkout or Portal). */
  summary(workspaceId: string, seats: number): Promise<BillingSummary>;
}

export interface BillingOptions {
  db: Db;
  /** Undefined = billing off (no STRIPE_SECRET_KEY). */
  provider: BillingProvider | undefined;
  /** BILLING_TRIAL_DAYS. */
  trialDays: number;
  /** PUBLIC_URL: Checkout and the Portal send the admin back here. */
  publicUrl: string | undefined;
  now?: () => Date;
}

const dayMs = 24 * 60 * 60 * 1000;

/** Billing off: every workspace answers, no row is made, no provider exists to call. */
export const billingOff: Billing = {
  enabled: false,
  access: async () => ({ allowed: true, status: "off", warnAdmins: false }),
  summary: async (_workspaceId, seats) => ({ status: "off", seats, trialEndsAt: null }),
};

export function createBilling(options: BillingOptions): Billing {
  const { db, provider } = options;
  if (!provider) return billingOff;
  const now = options.now ?? (() => new Date());
  const account = (workspaceId: string, at: Date) =>
    ensureBillingAccount(db, workspaceId, { now: at, trialDays: options.trialDays });

  return {
    enabled: true,
    async access(workspaceId) {
      const at = now();
      const row = await account(workspaceId, at);
      const decision = decideAccess({
        status: billingStatusOf(row.subscriptionStatus),
        trialEndsAt: row.trialEndsAt,
        now: at,
      });
      if (decision.allowed && decision.warnAdmins) {
        return { ...decision, warnAdmins: await claimPastDueWarning(db, workspaceId, at) };
      }
      return decision;
    },
    async summary(workspaceId, seats) {
      const at = now();
      const row = await account(workspaceId, at);
      const facts = {
        status: billingStatusOf(row.subscriptionStatus),
        seats,
        trialEndsAt: row.trialEndsAt?.toISOString() ?? null,
      };
      const base = publicBase(options.publicUrl);
      if (hasLiveSubscription(row.subscriptionStatus, row.subscriptionId) && row.customerId) {
        const portal = await provider.createPortalSession({ customerId: row.customerId, returnUrl: base });
        return { ...facts, portalUrl: portal.url };
      }
      return { ...facts, checkoutUrl: await checkout(provider, row, { seats, base, at }, db) };
    },
  };
}

async function checkout(
  provider: BillingProvider,
  row: BillingAccountRow,
  request: { seats: number; base: string; at: Date },
  db: Db,
): Promise<string> {
  const trialDays = trialDaysLeft(row.trialEndsAt, request.at);
  const session = await provider.createCheckoutSession({
    workspaceId: row.workspaceId,
    customerId: row.customerId,
    seats: Math.max(1, Math.floor(request.seats)),
    ...(trialDays > 0 ? { trialDays } : {}),
    successUrl: `${request.base}/billing/done?session_id={CHECKOUT_SESSION_ID}`,
    cancelUrl: `${request.base}/billing/canceled`,
  });
  // Only after Stripe made the session: a failed Checkout leaves nothing behind.
  await recordCustomer(db, row.workspaceId, session.customerId);
  return session.url;
}

/** Whole days of the local trial left, rounded up (0 = none: Stripe rejects a 0-day trial). */
export function trialDaysLeft(trialEndsAt: Date | null, now: Date): number {
  if (!trialEndsAt) return 0;
  const left = trialEndsAt.getTime() - now.getTime();
  return left > 0 ? Math.ceil(left / dayMs) : 0;
}

/** The env schema already refuses a key without PUBLIC_URL at start; this guards a BillingEnv built by hand. */
function publicBase(publicUrl: string | undefined): string {
  if (!publicUrl) {
    throw new AppError(
      ErrorCode.InvalidConfig,
      "Billing needs PUBLIC_URL: Stripe sends admins back there after Checkout.",
      {
        hint: "set PUBLIC_URL to where browsers reach Sabio's web role, e.g. https://sabio.example.com",
      },
    );
  }
  return publicUrl.replace(/\/+$/, "");
}
