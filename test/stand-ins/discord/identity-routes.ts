import { discordErrors } from "./discord-api-error.ts";
import type { DiscordWorld } from "./discord-world.ts";
import { guildCreatePayload } from "./gateway-payloads.ts";
import { ok, type RouteDefinition } from "./rest-route.ts";

/** Who the bot is, where the gateway is, and what guilds, members and DMs look like. */
export function identityRoutes(gatewayUrl: () => string): RouteDefinition[] {
  const application = (world: DiscordWorld) => ({
    id: world.applicationId,
    name: world.botUser.username,
    icon: null,
    description: "",
    summary: "",
    type: null,
    bot_public: true,
    bot_require_code_grant: false,
    bot: world.userJson(world.botUser.id),
    owner: world.userJson(world.botUser.id),
    team: null,
    verify_key: "0".repeat(64),
    flags: 0,
    approximate_guild_count: world.guilds.size,
    install_params: { scopes: ["bot", "applications.commands"], permissions: "0" },
  });
  return [
    {
      name: "getGatewayBot",
      method: "GET",
      pattern: "/gateway/bot",
      auth: true,
      handle: () =>
        ok({
          url: gatewayUrl(),
          shards: 1,
          session_start_limit: { total: 1000, remaining: 999, reset_after: 14_400_000, max_concurrency: 1 },
        }),
    },
    {
      name: "getGateway",
      method: "GET",
      pattern: "/gateway",
      auth: false,
      handle: () => ok({ url: gatewayUrl() }),
    },
    {
      name: "getCurrentUser",
      method: "GET",
      pattern: "/users/@me",
      auth: true,
      handle: ({ world }) =>
        ok({ ...world.userJson(world.botUser.id), verified: true, mfa_enabled: false, flags: 0 }),
    },
    {
      name: "getUser",
      method: "GET",
      pattern: "/users/:user_id",
      auth: true,
      handle: ({ world, params }) => {
        const id = params.user_id ?? "";
        if (!world.users.has(id)) throw discordErrors.unknownUser();
        return ok(world.userJson(id));
      },
    },
    {
      name: "getApplication",
      method: "GET",
      pattern: "/applications/@me",
      auth: true,
      handle: ({ world }) => ok(application(world)),
    },
    {
      name: "getOAuthApplication",
      method: "GET",
      pattern: "/oauth2/applications/@me",
      auth: true,
      handle: ({ world }) => ok(application(world)),
    },
    {
      name: "createDM",
      method: "POST",
      pattern: "/users/@me/channels",
      auth: true,
      handle: ({ world, body }) => ok(world.dmChannelWith(String(body.recipient_id))),
    },
    {
      name: "getGuild",
      method: "GET",
      pattern: "/guilds/:guild_id",
      auth: true,
      handle: ({ world, params }) => {
        if (!world.guilds.has(params.guild_id ?? "")) throw discordErrors.notFound();
        const {
          members: _members,
          channels: _channels,
          threads: _threads,
          ...guild
        } = guildCreatePayload(world, params.guild_id ?? "");
        return ok(guild);
      },
    },
    {
      name: "getGuildMember",
      method: "GET",
      pattern: "/guilds/:guild_id/members/:user_id",
      auth: true,
      handle: ({ world, params }) => {
        const guildId = params.guild_id ?? "";
        if (!world.memberOf(guildId, params.user_id ?? "")) {
          throw discordErrors.unknownMember();
        }
        return ok(world.memberJson(guildId, params.user_id ?? ""));
      },
    },
    {
      name: "getChannel",
      method: "GET",
      pattern: "/channels/:channel_id",
      auth: true,
      handle: ({ world, params }) => {
        const channel = world.channels.get(params.channel_id ?? "");
        if (!channel) throw discordErrors.unknownChannel();
        return ok(channel);
      },
    },
  ];
}
