import { WebAPIHTTPError, WebAPIPlatformError, WebAPIRequestError } from "@slack/web-api";
import { AppError, ErrorCode, isAppError, isRetryableStatus } from "#shared/errors/app-error.ts";

/** Slack error codes a later try can get past. */
const transientErrors = new Set([
  "internal_error",
  "fatal_error",
  "service_unavailable",
  "request_timeout",
  "ratelimited",
]);

const reinstall = "The Slack token is not valid any more: reinstall the app, or check SLACK_BOT_TOKEN.";
/** What the person running Sabio can do about a Slack refusal. */
const hints: Record<string, string> = {
  not_in_channel: "Invite the app to the channel (/invite @Sabio).",
  channel_not_found: "The channel is gone, or the app cannot see it: invite the app to it.",
  is_archived: "The channel is archived.",
  missing_scope: "The Slack app lacks a scope: update it from bots/slack/manifest.json and reinstall.",
  not_authed: reinstall,
  invalid_auth: reinstall,
  token_revoked: reinstall,
  token_expired: reinstall,
  account_inactive: reinstall,
};

/**
 * A WebClient failure as an AppError: Slack's own error code in the message, retryable for Slack's
 * transient errors, network failures and retryable HTTP statuses. Anything else is returned unchanged.
 */
export function slackAppError(error: unknown, method: string): unknown {
  if (isAppError(error)) return error;
  if (error instanceof WebAPIPlatformError) {
    const code = error.data.error;
    const hint = hints[code];
    const { needed } = error.data as { needed?: unknown };
    const scope = typeof needed === "string" ? ` (needs ${needed})` : "";
    return new AppError(ErrorCode.UpstreamError, `Slack ${method} failed: ${code}${scope}`, {
      retryable: transientErrors.has(code),
      cause: error,
      ...(hint ? { hint } : {}),
    });
  }
  if (error instanceof WebAPIRequestError) {
    return new AppError(
      ErrorCode.Unavailable,
      `Slack ${method} could not be reached: ${error.original.message}`,
      {
        retryable: true,
        cause: error,
      },
    );
  }
  if (error instanceof WebAPIHTTPError) {
    return new AppError(ErrorCode.UpstreamError, `Slack ${method} answered HTTP ${error.statusCode}`, {
      retryable: isRetryableStatus(error.statusCode),
      cause: error,
    });
  }
  return error;
}

/** Slack's error code ("not_in_channel"…) behind an error, whether mapped to an AppError or not. */
export function slackErrorCode(error: unknown): string | undefined {
  const slackError = isAppError(error) ? error.cause : error;
  return slackError instanceof WebAPIPlatformError ? slackError.data.error : undefined;
}
