import { oauthStateKey, signOAuthState } from "#connectors/oauth/oauth-state.ts";
import { driveReadonlyScope } from "../client/drive-credential.ts";
import { type DriveOAuthConfig, type DriveOAuthEnv, driveOAuthConfig } from "./drive-oauth-config.ts";

/** The link an admin opens to connect a Google account's Drive, and until when it works. */
export interface DriveConnectLink {
  url: string;
  expiresAt: Date;
}

export interface DriveConnectRequest {
  /** The Sabio workspace to connect to. */
  workspaceId: string;
  /** Who asked: "slack:<user id>", "discord:<user id>" or "cli". */
  connectedBy: string;
}

/**
 * Google's consent URL (GOOGLE_OAUTH_URL) for `drive.readonly`, with a fresh signed state bound to
 * the workspace and the admin. `access_type=offline` and `prompt=consent`: Google hands out a
 * refresh token only on consent, and a reconnect must get a new one.
 */
export function driveConnectLink(
  config: DriveOAuthConfig,
  request: DriveConnectRequest,
  now: Date = new Date(),
): DriveConnectLink {
  const { state, expiresAt } = signOAuthState(oauthStateKey(config.encryptionKey, "google"), request, now);
  const url = new URL(config.authUrl);
  url.searchParams.set("client_id", config.clientId);
  url.searchParams.set("redirect_uri", config.redirectUri);
  url.searchParams.set("response_type", "code");
  url.searchParams.set("scope", driveReadonlyScope);
  url.searchParams.set("access_type", "offline");
  url.searchParams.set("prompt", "consent");
  url.searchParams.set("include_granted_scopes", "false");
  url.searchParams.set("state", state);
  return { url: url.toString(), expiresAt };
}

/** A link maker for the Slack and Discord commands, or undefined when no OAuth client is configured. */
export function driveConnectLinks(
  env: DriveOAuthEnv,
): ((request: DriveConnectRequest) => DriveConnectLink) | undefined {
  const config = driveOAuthConfig(env);
  if (!config) return undefined;
  return (request) => driveConnectLink(config, request);
}
