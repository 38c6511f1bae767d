import { isHTTPResponseError, isNotionClientError } from "@notionhq/client";
import { AppError, ErrorCode, errorMessage, isAppError } from "#shared/errors/app-error.ts";

export const reconnectNotionHint = "reconnect Notion: its token was revoked or has expired";

/**
 * A Notion SDK failure as an AppError. 404 `object_not_found` / 403 `restricted_resource` →
 * not_found and 400s → invalid_input: permanent for that item, skip it. 401 `unauthorized` /
 * `invalid_grant` → invalid_config with a reconnect hint: stop the connection. 409, 429, 5xx, 529,
 * timeouts (the SDK's, or one try's) and network failures → retryable.
 */
export function toNotionError(error: unknown): AppError {
  if (isAppError(error)) return error;
  const message = `Notion: ${errorMessage(error)}`;
  if (isHTTPResponseError(error)) {
    const code: string = error.code;
    if (error.status === 401 || code === "unauthorized" || code === "invalid_grant") {
      return new AppError(ErrorCode.InvalidConfig, message, { cause: error, hint: reconnectNotionHint });
    }
    if (error.status === 404 || error.status === 403) {
      return new AppError(ErrorCode.NotFound, message, { cause: error });
    }
    if (error.status === 429)
      return new AppError(ErrorCode.RateLimited, message, { cause: error, retryable: true });
    if (error.status === 409 || error.status >= 500) {
      return new AppError(ErrorCode.Unavailable, message, { cause: error, retryable: true });
    }
    if (error.status >= 400) return new AppError(ErrorCode.InvalidInput, message, { cause: error });
    return new AppError(ErrorCode.UpstreamError, message, { cause: error, retryable: true });
  }
  if (isNotionClientError(error) && error.code === "notionhq_client_invalid_path_parameter") {
    return new AppError(ErrorCode.InvalidInput, message, { cause: error });
  }
  if (isNotionClientError(error) && error.code === "notionhq_client_request_timeout") {
    return new AppError(ErrorCode.Timeout, message, { cause: error, retryable: true });
  }
  // One try ran out of time (see retryNotionRequests): fetch rejects with the signal's TimeoutError.
  if (error instanceof DOMException && error.name === "TimeoutError") {
    return new AppError(ErrorCode.Timeout, "Notion did not answer in time.", {
      cause: error,
      retryable: true,
    });
  }
  return new AppError(ErrorCode.UpstreamError, message, { cause: error, retryable: true });
}

/** The connection's credential is dead: stop it and ask its admins to reconnect. */
export function needsNotionReauth(error: AppError): boolean {
  return error.code === ErrorCode.InvalidConfig;
}

/** Permanent for this one page or data source (gone, not shared, rejected): skip it, keep going. */
export function isSkippableNotionError(error: AppError): boolean {
  return !error.retryable && (error.code === ErrorCode.NotFound || error.code === ErrorCode.InvalidInput);
}
