import {
  type OAuthClientSecrets,
  oauthClientSecrets,
  oauthRedirectUri,
  unsetSettings,
} from "#connectors/oauth/oauth-client-config.ts";
import type { Env } from "#shared/config/env.ts";
import { encryptionKeyExample } from "#shared/crypto/encryption-key.ts";
import { AppError, ErrorCode } from "#shared/errors/app-error.ts";

/** Where Notion sends the admin's browser back to after the consent screen (the web role serves it). */
export const notionCallbackPath = "/oauth/notion/callback";

/** A public Notion integration, as this deployment is configured for it. */
export interface NotionOAuthConfig extends OAuthClientSecrets {
  /** NOTION_API_URL: origin without /v1. */
  apiUrl: string;
  /** Must equal, character for character, a redirect URI registered with the integration. */
  redirectUri: string;
}

export type NotionOAuthEnv = Pick<
  Env,
  | "NOTION_API_URL"
  | "NOTION_CLIENT_ID"
  | "NOTION_CLIENT_SECRET"
  | "ENCRYPTION_KEY"
  | "PUBLIC_URL"
  | "WEB_PORT"
>;

/** `${PUBLIC_URL}/oauth/notion/callback`, or the web role on this machine when PUBLIC_URL is unset. */
export function notionRedirectUri(env: Pick<Env, "PUBLIC_URL" | "WEB_PORT">): string {
  return oauthRedirectUri(env, notionCallbackPath);
}

const notionClientSettings = (env: NotionOAuthEnv) =>
  [
    ["NOTION_CLIENT_ID", env.NOTION_CLIENT_ID],
    ["NOTION_CLIENT_SECRET", env.NOTION_CLIENT_SECRET],
    ["ENCRYPTION_KEY", env.ENCRYPTION_KEY],
  ] as const;

/** The public integration's settings, or undefined when any of them is missing. */
export function notionOAuthConfig(env: NotionOAuthEnv): NotionOAuthConfig | undefined {
  const secrets = oauthClientSecrets(notionClientSettings(env));
  if (!secrets) return undefined;
  return {
    apiUrl: env.NOTION_API_URL,
    ...secrets,
    redirectUri: notionRedirectUri(env),
  };
}

/** Like notionOAuthConfig, but what is missing is an invalid_config error naming the variables. */
export function requireNotionOAuthConfig(env: NotionOAuthEnv): NotionOAuthConfig {
  const config = notionOAuthConfig(env);
  if (config) return config;
  throw new AppError(
    ErrorCode.InvalidConfig,
    `Connecting Notion through OAuth needs a public Notion integration; ${unsetSettings(notionClientSettings(env))}.`,
    {
      hint: `create a public integration at https://www.notion.so/profile/integrations with the redirect URI ${notionRedirectUri(env)}, then set NOTION_CLIENT_ID, NOTION_CLIENT_SECRET and ENCRYPTION_KEY (\`${encryptionKeyExample}\`)`,
    },
  );
}
