import type Stripe from "stripe";
import type { BillingProvider } from "../billing-provider.ts";
import { stripeAppError } from "./stripe-error.ts";

/** The Stripe adapter: Checkout (subscription mode, per-seat price), Customer Portal, seat quantity. */
export function createStripeBillingProvider(stripe: Stripe, settings: { priceId: string }): BillingProvider {
  return {
    async createCheckoutSession(request) {
      try {
        const customerId =
          request.customerId ??
          (
            await stripe.customers.create(
              {
                ...(request.workspaceName ? { name: request.workspaceName } : {}),
                metadata: { workspace_id: request.workspaceId },
              },
              // One customer per workspace, even when an admin asks twice before finishing Checkout.
              { idempotencyKey: `sabio-customer-${request.workspaceId}` },
            )
          ).id;
        const session = await stripe.checkout.sessions.create({
          mode: "subscription",
          customer: customerId,
          client_reference_id: request.workspaceId,
          line_items: [{ price: settings.priceId, quantity: Math.max(1, request.seats) }],
          subscription_data: {
            metadata: { workspace_id: request.workspaceId },
            // Stripe rejects 0: no trial means no field.
            ...(request.trialDays !== undefined && request.trialDays > 0
              ? { trial_period_days: request.trialDays }
              : {}),
          },
          metadata: { workspace_id: request.workspaceId },
          success_url: request.successUrl,
          cancel_url: request.cancelUrl,
        });
        if (!session.url) throw new Error("Stripe returned a Checkout session without a URL");
        return { url: session.url, customerId };
      } catch (error) {
        throw stripeAppError(error, "making a Checkout link");
      }
    },
    async createPortalSession(request) {
      try {
        const session = await stripe.billingPortal.sessions.create({
          customer: request.customerId,
          return_url: request.returnUrl,
        });
        return { url: session.url };
      } catch (error) {
        throw stripeAppError(error, "making a Customer Portal link");
      }
    },
    async updateSeatQuantity(request) {
      try {
        await stripe.subscriptionItems.update(
          request.subscriptionItemId,
          { quantity: Math.max(1, request.quantity), proration_behavior: "create_prorations" },
          { idempotencyKey: request.idempotencyKey },
        );
      } catch (error) {
        throw stripeAppError(error, "updating the seat count");
      }
    },
  };
}
