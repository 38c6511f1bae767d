import Stripe from "stripe";

/**
 * The API version every request and webhook payload is read at: pinned so a stripe-node upgrade
 * never changes what Sabio parses (the version stripe-node 23.2 was generated for).
 */
export const stripeApiVersion = "2026-11-18.endive" as const;

/**
 * A stripe-node client aimed at STRIPE_API_URL (the real API, or a stand-in in tests). One network
 * retry: `sabio billing` waits on it, and seat sync retries as a job with its own idempotency key.
 */
export function createStripeClient(settings: {
  secretKey: string;
  apiUrl: string;
  timeoutMs?: number;
}): Stripe {
  const url = new URL(settings.apiUrl);
  const protocol = url.protocol === "http:" ? "http" : "https";
  return new Stripe(settings.secretKey, {
    apiVersion: stripeApiVersion,
    host: url.hostname,
    port: url.port || (protocol === "http" ? 80 : 443),
    protocol,
    maxNetworkRetries: 1,
    timeout: settings.timeoutMs ?? 15_000,
    telemetry: false,
    appInfo: { name: "sabio" },
  });
}
