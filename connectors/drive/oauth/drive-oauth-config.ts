import {
  type OAuthClientSecrets,
  oauthClientSecrets,
  oauthRedirectUri,
  unsetSettings,
} from "#connectors/oauth/oauth-client-config.ts";
import type { Env } from "#shared/config/env.ts";
import { encryptionKeyExample } from "#shared/crypto/encryption-key.ts";
import { AppError, ErrorCode } from "#shared/errors/app-error.ts";

/** Where Google sends the admin's browser back to after consent (the web role serves it). */
export const googleCallbackPath = "/oauth/google/callback";

/** A Google OAuth web client, as this deployment is configured for it. */
export interface DriveOAuthConfig extends OAuthClientSecrets {
  /** Must equal, character for character, an authorized redirect URI of the OAuth client. */
  redirectUri: string;
  /** GOOGLE_OAUTH_URL: the consent screen. */
  authUrl: string;
  /** GOOGLE_TOKEN_URL: code exchange and refreshes. */
  tokenUrl: string;
  /** GOOGLE_API_URL: Drive's root (about.get names the connected account). */
  apiUrl: string;
}

export type DriveOAuthEnv = Pick<
  Env,
  | "GOOGLE_CLIENT_ID"
  | "GOOGLE_CLIENT_SECRET"
  | "GOOGLE_OAUTH_URL"
  | "GOOGLE_TOKEN_URL"
  | "GOOGLE_API_URL"
  | "ENCRYPTION_KEY"
  | "PUBLIC_URL"
  | "WEB_PORT"
>;

/** `${PUBLIC_URL}/oauth/google/callback`, or the web role on this machine when PUBLIC_URL is unset. */
export function driveRedirectUri(env: Pick<Env, "PUBLIC_URL" | "WEB_PORT">): string {
  return oauthRedirectUri(env, googleCallbackPath);
}

const googleClientSettings = (env: DriveOAuthEnv) =>
  [
    ["GOOGLE_CLIENT_ID", env.GOOGLE_CLIENT_ID],
    ["GOOGLE_CLIENT_SECRET", env.GOOGLE_CLIENT_SECRET],
    ["ENCRYPTION_KEY", env.ENCRYPTION_KEY],
  ] as const;

/** The OAuth client's settings, or undefined when any of them is missing. */
export function driveOAuthConfig(env: DriveOAuthEnv): DriveOAuthConfig | undefined {
  const secrets = oauthClientSecrets(googleClientSettings(env));
  if (!secrets) return undefined;
  return {
    ...secrets,
    redirectUri: driveRedirectUri(env),
    authUrl: env.GOOGLE_OAUTH_URL,
    tokenUrl: env.GOOGLE_TOKEN_URL,
    apiUrl: env.GOOGLE_API_URL,
  };
}

/** Like driveOAuthConfig, but what is missing is an invalid_config error naming the variables. */
export function requireDriveOAuthConfig(env: DriveOAuthEnv): DriveOAuthConfig {
  const config = driveOAuthConfig(env);
  if (config) return config;
  throw new AppError(
    ErrorCode.InvalidConfig,
    `Connecting Google Drive through OAuth needs a Google OAuth client; ${unsetSettings(googleClientSettings(env))}.`,
    {
      hint: `create an OAuth client (Web application) in the Google Cloud console with the redirect URI ${driveRedirectUri(env)} and the Drive API enabled, then set GOOGLE_CLIENT_ID, GOOGLE_CLIENT_SECRET and ENCRYPTION_KEY (\`${encryptionKeyExample}\`); or use a service account with GOOGLE_SERVICE_ACCOUNT_FILE`,
    },
  );
}
