import type { OAuthCallbackRoute } from "#connectors/oauth/oauth-callback-route.ts";
import { oauthConnectPage } from "#connectors/oauth/oauth-connect-page.ts";
import { completeDriveConnect } from "./complete-drive-connect.ts";
import { driveConnectWording } from "./drive-connect-page.ts";
import { type DriveOAuthEnv, driveOAuthConfig, googleCallbackPath } from "./drive-oauth-config.ts";

/** `GET /oauth/google/callback`, when a Google OAuth client is configured. */
export function googleCallbackRoute(env: DriveOAuthEnv): OAuthCallbackRoute | undefined {
  const config = driveOAuthConfig(env);
  if (!config) return undefined;
  return {
    provider: "google",
    path: googleCallbackPath,
    async handle(context, query) {
      const outcome = await completeDriveConnect({ ...context, config }, query);
      return oauthConnectPage(driveConnectWording, outcome);
    },
  };
}
