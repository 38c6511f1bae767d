import { gaxios } from "google-auth-library";
import { AppError, ErrorCode, errorMessage, isAppError } from "#shared/errors/app-error.ts";
import { googleErrorBody, rateLimitReasons } from "./drive-error-reason.ts";

// google-auth-library re-exports the gaxios it runs on: the same class its errors are made of.
const { GaxiosError } = gaxios;
type GaxiosError = InstanceType<typeof GaxiosError>;

export const reconnectDriveHint = "reconnect Google Drive: its access was revoked or has expired";

/**
 * A Drive client failure as an AppError, with Google's reason kept in the message:
 * - 403 userRateLimitExceeded/rateLimitExceeded and 429 → rate_limited, retryable (never lost access);
 *   403 dailyLimitExceeded/quotaExceeded too (the quota comes back later);
 * - `invalid_grant` from the token endpoint (revoked, expired refresh token) and a 401 that survived
 *   a refresh → invalid_config with the reconnect hint: the connection needs re-auth;
 * - `invalid_client`, 403 insufficientPermissions/accessNotConfigured → invalid_config (a setup fix);
 * - 404 → not_found; 403 exportSizeLimitExceeded → file_too_large; other per-file 403s → not_found:
 *   all permanent for that file;
 * - 5xx, timeouts and dropped connections → retryable.
 */
export function toDriveError(error: unknown): AppError {
  if (isAppError(error)) return error;
  if (isAppError(causeOf(error))) return causeOf(error) as AppError;
  if (!(error instanceof GaxiosError)) {
    return new AppError(ErrorCode.UpstreamError, `Google Drive: ${errorMessage(error)}`, {
      cause: error,
      retryable: true,
    });
  }
  const status = error.response?.status ?? error.status;
  const { reason, oauthError } = googleErrorBody(error.response?.data);
  const message = `Google Drive: ${errorMessage(error)}${reason ? ` (${reason})` : ""}`;
  const fail = (code: ErrorCode, options: { retryable?: boolean; hint?: string } = {}) =>
    new AppError(code, message, { cause: error, ...options });
  if (oauthError === "invalid_grant") return fail(ErrorCode.InvalidConfig, { hint: reconnectDriveHint });
  if (oauthError !== undefined && status !== undefined && status < 500) {
    return fail(ErrorCode.InvalidConfig, {
      hint: "check GOOGLE_CLIENT_ID and GOOGLE_CLIENT_SECRET (or the service account key)",
    });
  }
  if (status === undefined) return timeoutOrNetwork(error, message);
  if (status === 429 || (reason !== undefined && rateLimitReasons.has(reason)))
    return fail(ErrorCode.RateLimited, { retryable: true });
  if (status === 401) return fail(ErrorCode.InvalidConfig, { hint: reconnectDriveHint });
  if (status === 403) return forbidden(reason, fail);
  if (status === 404) return fail(ErrorCode.NotFound);
  if (status === 408 || status === 409 || status >= 500)
    return fail(ErrorCode.Unavailable, { retryable: true });
  return fail(ErrorCode.InvalidInput);
}

function forbidden(
  reason: string | undefined,
  fail: (code: ErrorCode, options?: { retryable?: boolean; hint?: string }) => AppError,
): AppError {
  if (reason === "dailyLimitExceeded" || reason === "quotaExceeded")
    return fail(ErrorCode.RateLimited, { retryable: true });
  if (reason === "exportSizeLimitExceeded") return fail(ErrorCode.FileTooLarge);
  if (reason === "insufficientPermissions")
    return fail(ErrorCode.InvalidConfig, {
      hint: `${reconnectDriveHint} (the drive.readonly scope is missing)`,
    });
  if (reason === "accessNotConfigured")
    return fail(ErrorCode.InvalidConfig, { hint: "enable the Google Drive API in the Cloud project" });
  // fileNotDownloadable, cannotDownloadAbusiveFile, insufficientFilePermissions, domainPolicy… and
  // unknown reasons alike: this one file cannot be read, the others may be.
  return fail(ErrorCode.NotFound);
}

function timeoutOrNetwork(error: GaxiosError, message: string): AppError {
  const timedOut = error.code === "TimeoutError" || /timeout|timed out/i.test(error.message);
  return new AppError(timedOut ? ErrorCode.Timeout : ErrorCode.Unavailable, message, {
    cause: error,
    retryable: true,
  });
}

function causeOf(error: unknown): unknown {
  return error instanceof Error ? error.cause : undefined;
}

/** The credential is dead (revoked, expired) or the setup is wrong: stop the connection, tell admins. */
export function needsDriveReauth(error: AppError): boolean {
  return error.code === ErrorCode.InvalidConfig;
}

/** Google's reason for a failure, e.g. "exportSizeLimitExceeded"; undefined when none was given. */
export function driveErrorReason(error: unknown): string | undefined {
  const cause = isAppError(error) ? error.cause : error;
  return cause instanceof GaxiosError ? googleErrorBody(cause.response?.data).reason : undefined;
}

/** The HTTP status Drive answered a failed call with; undefined when no answer came. */
export function driveErrorStatus(error: unknown): number | undefined {
  const cause = isAppError(error) ? error.cause : error;
  return cause instanceof GaxiosError ? (cause.response?.status ?? cause.status) : undefined;
}
