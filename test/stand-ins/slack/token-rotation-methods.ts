import { oauthMethods, standInScopes } from "./oauth-methods.ts";
import { optionalString, requiredString } from "./slack-args.ts";
import { SlackMethodError } from "./slack-method-error.ts";
import type { MethodTable, SlackWorkspace } from "./slack-workspace.ts";

/** Seconds a rotated token lives, as Slack's (12 hours). */
export const rotatedTokenSeconds = 43_200;

/**
 * oauth.v2.access with `grant_type=refresh_token` (token rotation) beside the code grant of
 * oauthMethods, which it leaves as it was. Any `xoxe-…` refresh token is accepted once: Slack
 * revokes a refresh token when it is used, so a second use answers `invalid_refresh_token`.
 */
export function tokenRotationMethods(workspace: SlackWorkspace): MethodTable {
  const codeGrant = oauthMethods(workspace)["oauth.v2.access"];
  const spent = new Set<string>();
  let issued = 0;
  return {
    "oauth.v2.access": (args, token) => {
      if (optionalString(args, "grant_type") !== "refresh_token") {
        if (!codeGrant) throw new SlackMethodError("unknown_method");
        return codeGrant(args, token);
      }
      requiredString(args, "client_id", "invalid_client_id");
      requiredString(args, "client_secret", "bad_client_secret");
      const refreshToken = requiredString(args, "refresh_token", "invalid_refresh_token");
      if (!refreshToken.startsWith("xoxe-") || spent.has(refreshToken)) {
        throw new SlackMethodError("invalid_refresh_token");
      }
      spent.add(refreshToken);
      issued += 1;
      return {
        app_id: workspace.appId,
        scope: standInScopes,
        token_type: "bot",
        access_token: `xoxe.xoxb-1-${workspace.teamId}-rotated-${issued}`,
        refresh_token: `xoxe-1-${workspace.teamId}-refresh-${issued}`,
        expires_in: rotatedTokenSeconds,
        bot_user_id: workspace.botUserId,
        team: { id: workspace.teamId, name: workspace.teamName },
        enterprise: null,
        is_enterprise_install: false,
      };
    },
  };
}
