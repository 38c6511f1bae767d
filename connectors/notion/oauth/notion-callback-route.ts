import type { OAuthCallbackRoute } from "#connectors/oauth/oauth-callback-route.ts";
import { oauthConnectPage } from "#connectors/oauth/oauth-connect-page.ts";
import { completeNotionConnect } from "./complete-notion-connect.ts";
import { notionConnectWording } from "./notion-connect-page.ts";
import { type NotionOAuthEnv, notionCallbackPath, notionOAuthConfig } from "./notion-oauth-config.ts";

/** `GET /oauth/notion/callback`, when a public Notion integration is configured. */
export function notionCallbackRoute(env: NotionOAuthEnv): OAuthCallbackRoute | undefined {
  const config = notionOAuthConfig(env);
  if (!config) return undefined;
  return {
    provider: "notion",
    path: notionCallbackPath,
    async handle(context, query) {
      const outcome = await completeNotionConnect({ ...context, config }, query);
      return oauthConnectPage(notionConnectWording, outcome);
    },
  };
}
