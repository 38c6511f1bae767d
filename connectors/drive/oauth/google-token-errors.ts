import { AppError, ErrorCode, isRetryableStatus } from "#shared/errors/app-error.ts";
import { reconnectDriveHint } from "../client/drive-error.ts";
import type { GoogleTokenFailure } from "./request-google-token.ts";

const clientHint =
  "check GOOGLE_CLIENT_ID and GOOGLE_CLIENT_SECRET against the OAuth client in the Google Cloud console";

/** Why Google would not turn the consent's code into tokens, in words an admin can act on. */
export function googleCodeExchangeError(failure: GoogleTokenFailure): AppError {
  const detail = describe(failure);
  if (isRetryableStatus(failure.status)) {
    return new AppError(
      ErrorCode.Unavailable,
      `Google could not finish the connection just now (${detail}).`,
      {
        retryable: true,
        hint: "start again in a minute",
      },
    );
  }
  if (failure.error === "invalid_client" || failure.status === 401) {
    return new AppError(
      ErrorCode.InvalidConfig,
      `Google did not recognise Sabio's OAuth client (${detail}).`,
      {
        hint: clientHint,
      },
    );
  }
  if (failure.error === "invalid_grant") {
    return new AppError(
      ErrorCode.InvalidInput,
      `Google did not accept the sign-in: the code has expired or was already used (${detail}).`,
      { hint: "start again from a fresh link" },
    );
  }
  return new AppError(ErrorCode.InvalidInput, `Google refused to finish the connection (${detail}).`, {
    hint: "check that the OAuth client's authorized redirect URI matches PUBLIC_URL + /oauth/google/callback, then start again from a fresh link",
  });
}

/**
 * Why a refresh failed. invalid_grant (revoked in the Google account, password changed, unused for
 * six months) is invalid_config with the reconnect hint: the connection needs an admin, what was
 * indexed stays.
 */
export function googleTokenRefreshError(failure: GoogleTokenFailure): AppError {
  const detail = describe(failure);
  if (isRetryableStatus(failure.status)) {
    return new AppError(
      ErrorCode.Unavailable,
      `Google could not refresh the Drive connection's token (${detail}).`,
      {
        retryable: true,
      },
    );
  }
  if (failure.error === "invalid_client") {
    return new AppError(
      ErrorCode.InvalidConfig,
      `Google did not recognise Sabio's OAuth client (${detail}).`,
      {
        hint: clientHint,
      },
    );
  }
  return new AppError(
    ErrorCode.InvalidConfig,
    `Google refused to refresh the Drive connection's token (${detail}): access was revoked or has expired.`,
    { hint: reconnectDriveHint },
  );
}

function describe(failure: GoogleTokenFailure): string {
  return failure.description ? `${failure.error}: ${failure.description}` : failure.error;
}
