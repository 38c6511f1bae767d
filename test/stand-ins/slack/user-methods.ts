import { requiredString } from "./slack-args.ts";
import { SlackMethodError } from "./slack-method-error.ts";
import type { MethodTable, SlackWorkspace, StandInUser } from "./slack-workspace.ts";

/** auth.test, users.info and users.list, answering from the stand-in's workspace and its users. */
export function userMethods(workspace: SlackWorkspace): MethodTable {
  return {
    "auth.test": () => ({
      url: `https://${slug(workspace.teamName)}.slack.com/`,
      team: workspace.teamName,
      user: "sabio",
      team_id: workspace.teamId,
      user_id: workspace.botUserId,
      bot_id: workspace.botId,
      is_enterprise_install: false,
    }),
    "users.info": (args) => {
      const id = requiredString(args, "user", "user_not_found");
      const user =
        workspace.users[id] ?? (id === workspace.botUserId ? { name: "sabio", isBot: true } : undefined);
      if (!user) throw new SlackMethodError("user_not_found");
      return { user: userObject(workspace, id, user) };
    },
    // One page: the stand-in's workspaces are small. The bot user is listed, as Slack does.
    "users.list": () => ({
      members: [
        ...Object.entries(workspace.users).map(([id, user]) => userObject(workspace, id, user)),
        userObject(workspace, workspace.botUserId, { name: "sabio", isBot: true }),
      ],
      response_metadata: { next_cursor: "" },
    }),
  };
}

/** A user as users.info returns it, with the fields permission checks read. */
function userObject(workspace: SlackWorkspace, id: string, user: StandInUser) {
  const isBot = user.isBot ?? false;
  return {
    id,
    team_id: workspace.teamId,
    name: user.name,
    deleted: false,
    real_name: user.name,
    tz: "Europe/Berlin",
    tz_label: "Central European Time",
    tz_offset: 3600,
    is_admin: user.isAdmin ?? false,
    is_owner: user.isOwner ?? false,
    is_primary_owner: false,
    is_restricted: false,
    is_ultra_restricted: false,
    is_bot: isBot,
    is_app_user: false,
    updated: 1_700_000_000,
    profile: {
      real_name: user.name,
      display_name: user.name,
      team: workspace.teamId,
      ...(user.email ? { email: user.email } : {}),
      ...(isBot ? { bot_id: workspace.botId, api_app_id: workspace.appId } : {}),
    },
  };
}

function slug(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]+/g, "-");
}
