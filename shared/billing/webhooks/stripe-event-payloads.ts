import { z } from "zod";

/** Stripe sends ids as strings, or as the expanded object when asked: either way we keep the id. */
const idOf = z
  .union([z.string(), z.object({ id: z.string() })])
  .transform((value) => (typeof value === "string" ? value : value.id));

/** A subscription, only the fields billing reads (API 2025-03-31+: the period lives on the item). */
export const stripeSubscriptionSchema = z.object({
  id: z.string().min(1),
  customer: idOf,
  status: z.string().min(1),
  trial_end: z.number().int().nullish(),
  metadata: z.record(z.string(), z.string()).nullish(),
  items: z.object({
    data: z.array(
      z.object({
        id: z.string().min(1),
        current_period_end: z.number().int().nullish(),
        quantity: z.number().int().nullish(),
      }),
    ),
  }),
});
export type StripeSubscriptionPayload = z.infer<typeof stripeSubscriptionSchema>;

/** A completed Checkout: whose (client_reference_id = the Sabio workspace) and what it made. */
export const stripeCheckoutSessionSchema = z.object({
  id: z.string().min(1),
  mode: z.string().nullish(),
  client_reference_id: z.string().min(1).nullish(),
  customer: idOf.nullish(),
  subscription: z.union([idOf, stripeSubscriptionSchema]).nullish(),
  metadata: z.record(z.string(), z.string()).nullish(),
});

/** An invoice: its subscription moved to `parent.subscription_details` in API 2025-03-31. */
export const stripeInvoiceSchema = z.object({
  id: z.string().min(1),
  customer: idOf.nullish(),
  parent: z.object({ subscription_details: z.object({ subscription: idOf.nullish() }).nullish() }).nullish(),
});

export function invoiceSubscriptionId(invoice: z.infer<typeof stripeInvoiceSchema>): string | undefined {
  return invoice.parent?.subscription_details?.subscription ?? undefined;
}
