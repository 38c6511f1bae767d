import Stripe from "stripe";
import { AppError, ErrorCode, isRetryableStatus } from "#shared/errors/app-error.ts";

/**
 * A stripe-node failure as an AppError that knows whether trying again can help: network errors,
 * 409/429 and 5xx can; a bad key or a bad request cannot. Stripe's own message is kept (it names
 * the parameter), never the request or the key.
 */
export function stripeAppError(error: unknown, doing: string): AppError {
  if (!(error instanceof Stripe.errors.StripeError)) {
    return new AppError(ErrorCode.Unavailable, `Could not reach Stripe while ${doing}.`, {
      retryable: true,
      cause: error,
    });
  }
  const status = error.statusCode;
  if (error instanceof Stripe.errors.StripeConnectionError || status === undefined) {
    return new AppError(
      ErrorCode.Unavailable,
      `Could not reach Stripe while ${doing}. Please try again in a minute.`,
      {
        retryable: true,
        cause: error,
      },
    );
  }
  if (status === 401 || status === 403) {
    return new AppError(ErrorCode.InvalidConfig, `Stripe refused the key while ${doing}: ${error.message}`, {
      cause: error,
      hint: "check STRIPE_SECRET_KEY (a secret key sk_… or a restricted key with Checkout, Portal and subscription access)",
    });
  }
  if (status === 429) {
    return new AppError(ErrorCode.RateLimited, `Stripe is rate-limiting Sabio (${doing}).`, {
      retryable: true,
      cause: error,
    });
  }
  if (isRetryableStatus(status)) {
    return new AppError(
      ErrorCode.UpstreamError,
      `Stripe had a problem while ${doing} (HTTP ${status}). Please try again in a minute.`,
      {
        retryable: true,
        cause: error,
      },
    );
  }
  return new AppError(ErrorCode.UpstreamError, `Stripe rejected ${doing}: ${error.message}`, {
    cause: error,
  });
}
