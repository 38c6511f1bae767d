import {
  createTokenRefresher,
  type TokenProvider,
  type TokenRefresher,
} from "#connectors/oauth/token-refresher.ts";
import { createSecretBox } from "#shared/crypto/secret-box.ts";
import type { Database } from "#shared/db/database.ts";
import { getSourceConnection, saveSourceCredentials } from "#shared/db/source-connection-repository.ts";
import { AppError, ErrorCode } from "#shared/errors/app-error.ts";
import type { Logger } from "#shared/log/logger.ts";
import { reconnectDriveHint } from "../client/drive-error.ts";
import { type DriveCredentials, openDriveCredentials, sealDriveCredentials } from "../drive-credentials.ts";
import { googleTokenRefreshError } from "./google-token-errors.ts";
import { requestGoogleToken } from "./request-google-token.ts";

export interface DriveTokenSettings {
  /** GOOGLE_CLIENT_ID / GOOGLE_CLIENT_SECRET of the client the connections were made with. */
  clientId: string;
  clientSecret: string;
  /** ENCRYPTION_KEY: opens and re-seals the tokens. */
  encryptionKey: string;
  /** GOOGLE_TOKEN_URL. */
  tokenUrl: string;
  database: Database;
  logger: Logger;
  fetch?: typeof fetch;
  now?: () => number;
}

/**
 * OAuth Drive connections' tokens through the shared refresher: a sync starts on a token with at
 * least five minutes left (refreshed at GOOGLE_TOKEN_URL otherwise, one refresh at a time, the row
 * re-read), and tokens google-auth-library refreshes by itself mid-sync are stored through
 * `store`, never over a grant an admin replaced meanwhile. A refused refresh (`invalid_grant`:
 * revoked in the Google account) is invalid_config with the reconnect hint: needs re-auth, nothing
 * deleted. Google keeps the refresh token across refreshes, so the stored one is kept.
 */
export function driveTokenRefresher(settings: DriveTokenSettings): TokenRefresher<DriveCredentials> {
  const box = createSecretBox(settings.encryptionKey);
  const { db } = settings.database;
  const now = settings.now ?? Date.now;
  const provider: TokenProvider<DriveCredentials> = {
    name: "Google Drive",
    async read(connectionId) {
      const row = await getSourceConnection(db, connectionId);
      if (!row?.credentials) {
        throw new AppError(ErrorCode.InvalidConfig, "This Google Drive connection has no stored tokens.", {
          hint: reconnectDriveHint,
        });
      }
      return openDriveCredentials(box, connectionId, row.credentials);
    },
    save: (connectionId, credentials) =>
      saveSourceCredentials(db, connectionId, sealDriveCredentials(box, connectionId, credentials)),
    accessToken: (credentials) => credentials.access_token,
    refreshToken: (credentials) => credentials.refresh_token,
    expiresAt: (credentials) => credentials.expiry_date,
    async refresh(_connectionId, current) {
      const result = await requestGoogleToken(
        settings,
        { grant_type: "refresh_token", refresh_token: current.refresh_token },
        { now, ...(settings.fetch ? { fetch: settings.fetch } : {}) },
      );
      if (!result.ok) {
        return {
          ok: false,
          invalidGrant: result.failure.error === "invalid_grant",
          error: googleTokenRefreshError(result.failure),
          log: { status: result.failure.status, error: result.failure.error },
        };
      }
      const { tokens } = result;
      const next: DriveCredentials = {
        access_token: tokens.access_token,
        refresh_token: tokens.refresh_token ?? current.refresh_token,
        expiry_date: tokens.expiry_date,
      };
      const scope = tokens.scope ?? current.scope;
      if (scope !== undefined) next.scope = scope;
      const tokenType = tokens.token_type ?? current.token_type;
      if (tokenType !== undefined) next.token_type = tokenType;
      return { ok: true, credentials: next };
    },
  };
  return createTokenRefresher(provider, { logger: settings.logger.child({ component: "drive-oauth" }), now });
}

const shared = new WeakMap<Database, TokenRefresher<DriveCredentials>>();

/**
 * One refresher per database in this process, so every sync and client of a connection takes its
 * turn in the same queue (a refresher made per call would only have the row re-read to go on).
 */
export function sharedDriveTokenRefresher(settings: DriveTokenSettings): TokenRefresher<DriveCredentials> {
  const existing = shared.get(settings.database);
  if (existing) return existing;
  const refresher = driveTokenRefresher(settings);
  shared.set(settings.database, refresher);
  return refresher;
}
