import Stripe from "stripe";
import { AppError, ErrorCode, isRetryableStatus } from "#shared/errors/app-error.ts";
import type { SeatQuantityProvider } from "./seat-quantity-provider.ts";

export interface StripeSeatQuantityOptions {
  secretKey: string;
  /** STRIPE_API_URL: Stripe itself, or a local stand-in in tests. */
  apiUrl: string;
}

/**
 * TODO(B1): replace with BillingProvider.updateSeatQuantity from shared/billing/ once it lands
 * (same signature); this is the one stripe-node call seat sync needs, kept until then.
 */
export function stripeSeatQuantity(options: StripeSeatQuantityOptions): SeatQuantityProvider {
  const url = new URL(options.apiUrl);
  const stripe = new Stripe(options.secretKey, {
    // Pinned: the account default must not change what these calls mean.
    apiVersion: "2026-11-18.endive",
    host: url.hostname,
    port: Number(url.port || (url.protocol === "http:" ? 80 : 443)),
    protocol: url.protocol === "http:" ? "http" : "https",
    // The seats queue retries (with the same key); stripe-node retrying too would only hide it.
    maxNetworkRetries: 0,
  });
  return {
    async updateSeatQuantity({ subscriptionItemId, quantity, idempotencyKey }) {
      try {
        await stripe.subscriptionItems.update(
          subscriptionItemId,
          { quantity, proration_behavior: "create_prorations" },
          { idempotencyKey },
        );
      } catch (error) {
        const status = error instanceof Stripe.errors.StripeError ? error.statusCode : undefined;
        throw new AppError(
          ErrorCode.UpstreamError,
          `Stripe did not update the seat quantity (status ${status ?? "none"})`,
          {
            retryable: status === undefined || isRetryableStatus(status),
            cause: error,
          },
        );
      }
    },
  };
}
