import {
  completeOAuthConnect,
  type OAuthConnectDependencies,
  type OAuthConnectProvider,
} from "#connectors/oauth/complete-oauth-connect.ts";
import type { OAuthCallbackQuery, OAuthConnectOutcome } from "#connectors/oauth/oauth-connect-outcome.ts";
import { oauthStateKey } from "#connectors/oauth/oauth-state.ts";
import { createSecretBox } from "#shared/crypto/secret-box.ts";
import { AppError, ErrorCode } from "#shared/errors/app-error.ts";
import { driveReadonlyScope } from "../client/drive-credential.ts";
import { sealDriveCredentials } from "../drive-credentials.ts";
import { googleAccountKey, oauthDriveConnectionId, oauthDriveSource } from "./drive-connection-ids.ts";
import type { DriveOAuthConfig } from "./drive-oauth-config.ts";
import { googleCodeExchangeError } from "./google-token-errors.ts";
import { readGoogleAccount } from "./read-google-account.ts";
import { requestGoogleToken } from "./request-google-token.ts";

export interface CompleteDriveConnectDependencies extends OAuthConnectDependencies {
  config: DriveOAuthConfig;
  /** For the token endpoint and about.get (tests, proxies). */
  fetch?: typeof fetch;
}

/** Google hands out a refresh token only on a fresh consent; an app it remembers may get none. */
export const noRefreshTokenError = new AppError(
  ErrorCode.InvalidInput,
  "Google did not give Sabio lasting (offline) access, so Drive could not be connected.",
  {
    hint: "open https://myaccount.google.com/connections, remove Sabio's access from your Google account, then start again from a fresh link",
  },
);

/**
 * Google's OAuth callback (see completeOAuthConnect): the code is exchanged at GOOGLE_TOKEN_URL,
 * about.get names the account, and the tokens are sealed into a `drive` connection, one per
 * (Google account, Sabio workspace), indexed under `drive:<email>`.
 */
export function completeDriveConnect(
  dependencies: CompleteDriveConnectDependencies,
  query: OAuthCallbackQuery,
): Promise<OAuthConnectOutcome> {
  const { config, logger } = dependencies;
  const fetchOption = dependencies.fetch ? { fetch: dependencies.fetch } : {};
  const provider: OAuthConnectProvider = {
    name: "Google",
    stateKey: oauthStateKey(config.encryptionKey, "google"),
    async exchange(code, state) {
      const result = await requestGoogleToken(
        config,
        { grant_type: "authorization_code", code, redirect_uri: config.redirectUri },
        fetchOption,
      );
      if (!result.ok) {
        logger.warn(
          { status: result.failure.status, error: result.failure.error },
          "Google code exchange refused",
        );
        return { ok: false, error: googleCodeExchangeError(result.failure) };
      }
      const { tokens } = result;
      if (!tokens.refresh_token) {
        logger.warn({ workspaceId: state.workspaceId }, "Google gave no refresh token");
        return { ok: false, error: noRefreshTokenError };
      }
      // Granular consent lets the admin untick Drive: then there is nothing to read.
      if (tokens.scope !== undefined && !tokens.scope.split(" ").includes(driveReadonlyScope)) {
        return {
          ok: false,
          error: new AppError(
            ErrorCode.InvalidInput,
            "Google Drive access was not granted on Google's consent screen.",
            {
              hint: "start again from a fresh link and tick “See and download all your Google Drive files”",
            },
          ),
        };
      }
      const account = await readGoogleAccount(config.apiUrl, tokens.access_token, fetchOption);
      const key = googleAccountKey(account);
      if (!key) {
        return {
          ok: false,
          error: new AppError(ErrorCode.UpstreamError, "Google did not say which account was connected.", {
            retryable: true,
            hint: "start again from a fresh link",
          }),
        };
      }
      const id = oauthDriveConnectionId(key, state.workspaceId);
      const box = createSecretBox(config.encryptionKey);
      return {
        ok: true,
        connection: {
          id,
          kind: "drive",
          source: oauthDriveSource(key),
          label: account.email
            ? `Google Drive (${account.email})`
            : `Google Drive (${account.displayName ?? key})`,
          externalAccountId: key,
          credentials: sealDriveCredentials(box, id, {
            access_token: tokens.access_token,
            refresh_token: tokens.refresh_token,
            expiry_date: tokens.expiry_date,
            ...(tokens.scope === undefined ? {} : { scope: tokens.scope }),
            ...(tokens.token_type === undefined ? {} : { token_type: tokens.token_type }),
          }),
        },
      };
    },
  };
  return completeOAuthConnect(provider, dependencies, query);
}
