import type { Env } from "#shared/config/env.ts";
import type { Db } from "#shared/db/database.ts";
import { type Billing, billingOff, createBilling } from "./billing-service.ts";
import { createStripeBillingProvider } from "./stripe/stripe-billing-provider.ts";
import { createStripeClient } from "./stripe/stripe-client.ts";

type BillingEnv = Pick<
  Env,
  "STRIPE_SECRET_KEY" | "STRIPE_PRICE_ID" | "STRIPE_API_URL" | "BILLING_TRIAL_DAYS" | "PUBLIC_URL"
>;

/** Billing as configured: off (no Stripe client is even made) without STRIPE_SECRET_KEY. */
export function billingFromEnv(env: BillingEnv, db: Db, now?: () => Date): Billing {
  if (!env.STRIPE_SECRET_KEY || !env.STRIPE_PRICE_ID) return billingOff;
  const stripe = createStripeClient({ secretKey: env.STRIPE_SECRET_KEY, apiUrl: env.STRIPE_API_URL });
  return createBilling({
    db,
    provider: createStripeBillingProvider(stripe, { priceId: env.STRIPE_PRICE_ID }),
    trialDays: env.BILLING_TRIAL_DAYS,
    publicUrl: env.PUBLIC_URL,
    ...(now ? { now } : {}),
  });
}
