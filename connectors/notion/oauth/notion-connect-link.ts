import { oauthStateKey, signOAuthState } from "#connectors/oauth/oauth-state.ts";
import type { NotionOAuthConfig, NotionOAuthEnv } from "./notion-oauth-config.ts";
import { notionOAuthConfig } from "./notion-oauth-config.ts";

/** The link an admin opens to connect a Notion workspace, and until when it works. */
export interface NotionConnectLink {
  url: string;
  expiresAt: Date;
}

export interface NotionConnectRequest {
  /** The Sabio workspace to connect to. */
  workspaceId: string;
  /** Who asked: "slack:<user id>" or "cli". */
  connectedBy: string;
}

/**
 * Notion's authorize URL (`${NOTION_API_URL}/v1/oauth/authorize`, `owner=user`) with a fresh signed
 * state bound to the workspace and the admin.
 */
export function notionConnectLink(
  config: NotionOAuthConfig,
  request: NotionConnectRequest,
  now: Date = new Date(),
): NotionConnectLink {
  const { state, expiresAt } = signOAuthState(oauthStateKey(config.encryptionKey, "notion"), request, now);
  const url = new URL(`${config.apiUrl.replace(/\/+$/, "")}/v1/oauth/authorize`);
  url.searchParams.set("client_id", config.clientId);
  url.searchParams.set("response_type", "code");
  url.searchParams.set("owner", "user");
  url.searchParams.set("redirect_uri", config.redirectUri);
  url.searchParams.set("state", state);
  return { url: url.toString(), expiresAt };
}

/** A link maker for the Slack command, or undefined when no public integration is configured. */
export function notionConnectLinks(
  env: NotionOAuthEnv,
): ((request: NotionConnectRequest) => NotionConnectLink) | undefined {
  const config = notionOAuthConfig(env);
  if (!config) return undefined;
  return (request) => notionConnectLink(config, request);
}
