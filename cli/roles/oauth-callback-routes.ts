import { googleCallbackRoute } from "#connectors/drive/oauth/drive-callback-route.ts";
import type { DriveOAuthEnv } from "#connectors/drive/oauth/drive-oauth-config.ts";
import { notionCallbackRoute } from "#connectors/notion/oauth/notion-callback-route.ts";
import type { NotionOAuthEnv } from "#connectors/notion/oauth/notion-oauth-config.ts";
import type { OAuthCallbackRoute } from "#connectors/oauth/oauth-callback-route.ts";

export type OAuthCallbackEnv = NotionOAuthEnv & DriveOAuthEnv;

/** Every provider's OAuth callback: a new provider is one more entry here. */
const callbackRoutes: readonly ((env: OAuthCallbackEnv) => OAuthCallbackRoute | undefined)[] = [
  notionCallbackRoute,
  googleCallbackRoute,
];

/** The callbacks this deployment is configured for (each provider's client id, secret and ENCRYPTION_KEY). */
export function oauthCallbackRoutes(env: OAuthCallbackEnv): OAuthCallbackRoute[] {
  return callbackRoutes.flatMap((route) => route(env) ?? []);
}
