import type { Env } from "#shared/config/env.ts";
import { encryptionKeyExample } from "#shared/crypto/encryption-key.ts";
import { AppError, ErrorCode } from "#shared/errors/app-error.ts";

/** Where Notion sends the admin's browser back to after the consent screen (the web role serves it). */
export const notionCallbackPath = "/oauth/notion/callback";

/** A public Notion integration, as this deployment is configured for it. */
export interface NotionOAuthConfig {
  /** NOTION_API_URL: origin without /v1. */
  apiUrl: string;
  clientId: string;
  clientSecret: string;
  /** ENCRYPTION_KEY: seals the tokens and signs the `state` (with a key derived from it). */
  encryptionKey: string;
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
  const base = (env.PUBLIC_URL ?? `http://localhost:${env.WEB_PORT}`).replace(/\/+$/, "");
  return `${base}${notionCallbackPath}`;
}

/** The public integration's settings, or undefined when any of them is missing. */
export function notionOAuthConfig(env: NotionOAuthEnv): NotionOAuthConfig | undefined {
  if (!env.NOTION_CLIENT_ID || !env.NOTION_CLIENT_SECRET || !env.ENCRYPTION_KEY) return undefined;
  return {
    apiUrl: env.NOTION_API_URL,
    clientId: env.NOTION_CLIENT_ID,
    clientSecret: env.NOTION_CLIENT_SECRET,
    encryptionKey: env.ENCRYPTION_KEY,
    redirectUri: notionRedirectUri(env),
  };
}

/** Like notionOAuthConfig, but what is missing is an invalid_config error naming the variables. */
export function requireNotionOAuthConfig(env: NotionOAuthEnv): NotionOAuthConfig {
  const config = notionOAuthConfig(env);
  if (config) return config;
  const missing = (
    [
      ["NOTION_CLIENT_ID", env.NOTION_CLIENT_ID],
      ["NOTION_CLIENT_SECRET", env.NOTION_CLIENT_SECRET],
      ["ENCRYPTION_KEY", env.ENCRYPTION_KEY],
    ] as const
  )
    .filter(([, value]) => !value)
    .map(([name]) => name);
  throw new AppError(
    ErrorCode.InvalidConfig,
    `Connecting Notion through OAuth needs a public Notion integration; ${listOf(missing)} ${missing.length === 1 ? "is" : "are"} not set.`,
    {
      hint: `create a public integration at https://www.notion.so/profile/integrations with the redirect URI ${notionRedirectUri(env)}, then set NOTION_CLIENT_ID, NOTION_CLIENT_SECRET and ENCRYPTION_KEY (\`${encryptionKeyExample}\`)`,
    },
  );
}

function listOf(names: readonly string[]): string {
  return names.length <= 2 ? names.join(" and ") : `${names.slice(0, -1).join(", ")} and ${names.at(-1)}`;
}
