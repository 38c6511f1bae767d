import { z } from "zod";
import { openSealedCredentials, sealCredentials } from "#connectors/oauth/sealed-credentials.ts";
import type { SecretBox } from "#shared/crypto/secret-box.ts";
import type { DriveTokens } from "./client/drive-credential.ts";
import { reconnectDriveHint } from "./client/drive-error.ts";

/**
 * An OAuth Drive connection's tokens as sealed into `source_connections.credentials`: google-auth-library's
 * Credentials shape `{ access_token, refresh_token, expiry_date, scope, token_type }`, so the OAuth
 * callback stores what the token endpoint gave and the sync's client refreshes and re-seals the same.
 */
export type DriveCredentials = DriveTokens;

const credentialsSchema = z.object({
  access_token: z.string(),
  refresh_token: z.string().min(1),
  // Milliseconds since the epoch; kept so a rate-limit 403 never reads as an expired token.
  expiry_date: z.number(),
  scope: z.string().optional(),
  token_type: z.string().optional(),
});

export function sealDriveCredentials(
  box: SecretBox,
  connectionId: string,
  credentials: DriveCredentials,
): string {
  const { access_token, refresh_token, expiry_date, scope, token_type } = credentials;
  return sealCredentials(box, connectionId, {
    access_token,
    refresh_token,
    expiry_date,
    ...(scope === undefined ? {} : { scope }),
    ...(token_type === undefined ? {} : { token_type }),
  });
}

/** Unreadable sealed tokens → invalid_config with the reconnect hint (the connection needs re-auth). */
export function openDriveCredentials(box: SecretBox, connectionId: string, sealed: string): DriveCredentials {
  const parsed = openSealedCredentials(box, connectionId, sealed, credentialsSchema, {
    message: "This Google Drive connection's stored tokens are unreadable.",
    hint: reconnectDriveHint,
  });
  const credentials: DriveCredentials = {
    access_token: parsed.access_token,
    refresh_token: parsed.refresh_token,
    expiry_date: parsed.expiry_date,
  };
  if (parsed.scope !== undefined) credentials.scope = parsed.scope;
  if (parsed.token_type !== undefined) credentials.token_type = parsed.token_type;
  return credentials;
}
