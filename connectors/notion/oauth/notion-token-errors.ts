import { AppError, ErrorCode, isRetryableStatus } from "#shared/errors/app-error.ts";
import { reconnectNotionHint } from "../client/notion-error.ts";
import type { NotionTokenFailure } from "./request-notion-token.ts";

const clientHint = "check NOTION_CLIENT_ID and NOTION_CLIENT_SECRET against the integration's OAuth settings";

/** Why Notion would not turn the consent's code into tokens, in words an admin can act on. */
export function codeExchangeError(failure: NotionTokenFailure): AppError {
  const detail = describe(failure);
  if (isRetryableStatus(failure.status)) {
    return new AppError(
      ErrorCode.Unavailable,
      `Notion could not finish the connection just now (${detail}).`,
      {
        retryable: true,
        hint: "start again in a minute",
      },
    );
  }
  if (failure.error === "invalid_client" || failure.status === 401) {
    return new AppError(
      ErrorCode.InvalidConfig,
      `Notion did not recognise Sabio's integration (${detail}).`,
      {
        hint: clientHint,
      },
    );
  }
  if (failure.error === "invalid_grant") {
    return new AppError(
      ErrorCode.InvalidInput,
      `Notion did not accept the sign-in: the code has expired or was already used (${detail}).`,
      { hint: "start again from a fresh link" },
    );
  }
  return new AppError(ErrorCode.InvalidInput, `Notion refused to finish the connection (${detail}).`, {
    hint: "check that the integration's redirect URI matches PUBLIC_URL, then start again from a fresh link",
  });
}

/**
 * Why a refresh failed. invalid_grant (revoked, or the refresh token is no longer the newest) is
 * invalid_config with the reconnect hint: the connection needs an admin, what was indexed stays.
 */
export function tokenRefreshError(failure: NotionTokenFailure): AppError {
  const detail = describe(failure);
  if (isRetryableStatus(failure.status)) {
    return new AppError(
      ErrorCode.Unavailable,
      `Notion could not refresh the connection's token (${detail}).`,
      {
        retryable: true,
      },
    );
  }
  if (failure.error === "invalid_client") {
    return new AppError(
      ErrorCode.InvalidConfig,
      `Notion did not recognise Sabio's integration (${detail}).`,
      {
        hint: clientHint,
      },
    );
  }
  return new AppError(
    ErrorCode.InvalidConfig,
    `Notion refused to refresh the connection's token (${detail}): access was revoked or has expired.`,
    { hint: reconnectNotionHint },
  );
}

function describe(failure: NotionTokenFailure): string {
  return failure.description ? `${failure.error}: ${failure.description}` : failure.error;
}
