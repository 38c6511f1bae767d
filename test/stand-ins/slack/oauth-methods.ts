import { requiredString } from "./slack-args.ts";
import { SlackMethodError } from "./slack-method-error.ts";
import type { MethodTable, SlackWorkspace } from "./slack-workspace.ts";

/** The one authorization code oauth.v2.access accepts. */
export const goodOAuthCode = "good-code";

export const standInScopes =
  "app_mentions:read,chat:write,im:history,channels:history,groups:history,users:read,users:read.email,commands,reactions:write";

/** oauth.v2.access: trades "good-code" for a bot token of the stand-in's workspace (no token rotation). */
export function oauthMethods(workspace: SlackWorkspace): MethodTable {
  return {
    "oauth.v2.access": (args) => {
      requiredString(args, "client_id", "invalid_client_id");
      requiredString(args, "client_secret", "bad_client_secret");
      if (requiredString(args, "code", "invalid_code") !== goodOAuthCode) {
        throw new SlackMethodError("invalid_code");
      }
      const installer =
        Object.entries(workspace.users).find(([, user]) => user.isAdmin || user.isOwner)?.[0] ??
        "U0INSTALLER";
      return {
        app_id: workspace.appId,
        authed_user: { id: installer },
        scope: standInScopes,
        token_type: "bot",
        access_token: `xoxb-${workspace.teamId}-stand-in`,
        bot_user_id: workspace.botUserId,
        team: { id: workspace.teamId, name: workspace.teamName },
        enterprise: null,
        is_enterprise_install: false,
      };
    },
  };
}
