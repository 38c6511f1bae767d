import type { Env } from "#shared/config/env.ts";
import { encryptionKeyExample } from "#shared/crypto/encryption-key.ts";
import { AppError, ErrorCode } from "#shared/errors/app-error.ts";

/** Where Google sends the admin's browser back to after consent (the web role serves it). */
export const googleCallbackPath = "/oauth/google/callback";

/** A Google OAuth web client, as this deployment is configured for it. */
export interface DriveOAuthConfig {
  clientId: string;
  clientSecret: string;
  /** ENCRYPTION_KEY: seals the tokens and signs the `state` (with a key derived from it). */
  encryptionKey: string;
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
  const base = (env.PUBLIC_URL ?? `http://localhost:${env.WEB_PORT}`).replace(/\/+$/, "");
  return `${base}${googleCallbackPath}`;
}

/** The OAuth client's settings, or undefined when any of them is missing. */
export function driveOAuthConfig(env: DriveOAuthEnv): DriveOAuthConfig | undefined {
  if (!env.GOOGLE_CLIENT_ID || !env.GOOGLE_CLIENT_SECRET || !env.ENCRYPTION_KEY) return undefined;
  return {
    clientId: env.GOOGLE_CLIENT_ID,
    clientSecret: env.GOOGLE_CLIENT_SECRET,
    encryptionKey: env.ENCRYPTION_KEY,
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
  const missing = (
    [
      ["GOOGLE_CLIENT_ID", env.GOOGLE_CLIENT_ID],
      ["GOOGLE_CLIENT_SECRET", env.GOOGLE_CLIENT_SECRET],
      ["ENCRYPTION_KEY", env.ENCRYPTION_KEY],
    ] as const
  )
    .filter(([, value]) => !value)
    .map(([name]) => name);
  throw new AppError(
    ErrorCode.InvalidConfig,
    `Connecting Google Drive through OAuth needs a Google OAuth client; ${listOf(missing)} ${missing.length === 1 ? "is" : "are"} not set.`,
    {
      hint: `create an OAuth client (Web application) in the Google Cloud console with the redirect URI ${driveRedirectUri(env)} and the Drive API enabled, then set GOOGLE_CLIENT_ID, GOOGLE_CLIENT_SECRET and ENCRYPTION_KEY (\`${encryptionKeyExample}\`); or use a service account with GOOGLE_SERVICE_ACCOUNT_FILE`,
    },
  );
}

function listOf(names: readonly string[]): string {
  return names.length <= 2 ? names.join(" and ") : `${names.slice(0, -1).join(", ")} and ${names.at(-1)}`;
}
