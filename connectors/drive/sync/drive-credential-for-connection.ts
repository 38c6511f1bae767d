import type { Database } from "#shared/db/database.ts";
import type { SourceConnectionRow } from "#shared/db/schema.ts";
import { AppError, ErrorCode } from "#shared/errors/app-error.ts";
import type { Logger } from "#shared/log/logger.ts";
import type { DriveCredential } from "../client/drive-credential.ts";
import { reconnectDriveHint } from "../client/drive-error.ts";
import { readServiceAccountKey } from "../client/service-account-key.ts";
import { guardedDriveCredential } from "../oauth/drive-oauth-credential.ts";
import { sharedDriveTokenRefresher } from "../oauth/drive-token-refresher.ts";

export interface DriveCredentialSettings {
  /** GOOGLE_CLIENT_ID / GOOGLE_CLIENT_SECRET: an OAuth connection's refreshes need them. */
  clientId?: string | undefined;
  clientSecret?: string | undefined;
  /** ENCRYPTION_KEY: opens and re-seals an OAuth connection's tokens. */
  encryptionKey?: string | undefined;
  /** GOOGLE_SERVICE_ACCOUNT_FILE and GOOGLE_DRIVE_SUBJECT: connections without stored tokens. */
  serviceAccountFile?: string | undefined;
  subject?: string | undefined;
  /** GOOGLE_TOKEN_URL: where the guarded refresh asks for new tokens. */
  tokenUrl: string;
  /** Where refreshed tokens are stored (sealed). */
  database: Database;
  logger: Logger;
}

/**
 * The credential one Drive connection reads with: its own sealed OAuth tokens (refreshed through
 * the shared guard, each refresh sealed and stored again), or — without stored tokens — the service account
 * from the environment. Anything missing reads as invalid_config: the connection needs re-auth.
 */
export async function driveCredentialForConnection(
  connection: SourceConnectionRow,
  settings: DriveCredentialSettings,
): Promise<DriveCredential> {
  if (connection.credentials === null) return serviceAccount(settings);
  const { encryptionKey, clientId, clientSecret } = settings;
  if (!encryptionKey) {
    throw new AppError(
      ErrorCode.InvalidConfig,
      "This Google Drive connection's tokens are stored encrypted, and ENCRYPTION_KEY is not set.",
      { hint: "set ENCRYPTION_KEY to the key used when the connection was made" },
    );
  }
  if (!clientId || !clientSecret) {
    throw new AppError(
      ErrorCode.InvalidConfig,
      "This Google Drive connection needs GOOGLE_CLIENT_ID and GOOGLE_CLIENT_SECRET to refresh its tokens.",
      {
        hint: "set GOOGLE_CLIENT_ID and GOOGLE_CLIENT_SECRET of the OAuth client the connection was made with",
      },
    );
  }
  const logger = settings.logger.child({ component: "drive-oauth" });
  // One refresh at a time per connection across processes (connectors/oauth/token-refresher.ts):
  // tokens due within minutes are refreshed before the sync, and the client's own refreshes are
  // stored only while the row still holds the same grant.
  const refresher = sharedDriveTokenRefresher({
    clientId,
    clientSecret,
    encryptionKey,
    tokenUrl: settings.tokenUrl,
    database: settings.database,
    logger,
  });
  return guardedDriveCredential(connection.id, refresher, { clientId, clientSecret, logger });
}

async function serviceAccount(settings: DriveCredentialSettings): Promise<DriveCredential> {
  if (!settings.serviceAccountFile) {
    throw new AppError(
      ErrorCode.InvalidConfig,
      "This Google Drive connection has no stored tokens, and GOOGLE_SERVICE_ACCOUNT_FILE is not set.",
      { hint: `set GOOGLE_SERVICE_ACCOUNT_FILE, or ${reconnectDriveHint}` },
    );
  }
  const key = await readServiceAccountKey(settings.serviceAccountFile);
  return { kind: "service-account", key, subject: settings.subject };
}
