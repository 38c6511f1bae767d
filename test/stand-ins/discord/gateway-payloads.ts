import type { DiscordWorld } from "./discord-world.ts";

/** READY as Discord sends it to a bot: every guild unavailable until its GUILD_CREATE follows. */
export function readyPayload(world: DiscordWorld, sessionId: string, resumeGatewayUrl: string) {
  return {
    v: 10,
    user_settings: {},
    user: { ...world.userJson(world.botUser.id), verified: true, mfa_enabled: false, flags: 0, email: null },
    guilds: [...world.guilds.keys()].map((id) => ({ id, unavailable: true })),
    session_id: sessionId,
    session_type: "normal",
    resume_gateway_url: resumeGatewayUrl,
    shard: [0, 1],
    application: { id: world.applicationId, flags: 0 },
    private_channels: [],
    relationships: [],
    presences: [],
    guild_join_requests: [],
    geo_ordered_rtc_regions: [],
    auth: {},
    _trace: ['["stand-in-gateway",{"micros":0}]'],
  };
}

/** GUILD_CREATE with what discord.js caches: roles, members (the bot's own included), channels, threads. */
export function guildCreatePayload(world: DiscordWorld, guildId: string) {
  const guild = world.guilds.get(guildId);
  if (!guild) throw new Error(`No guild ${guildId}`);
  const channels = [...world.channels.values()].filter((channel) => channel.guild_id === guildId);
  const isThread = (channel: (typeof channels)[number]) => "thread_metadata" in channel;
  const withoutGuild = ({ guild_id: _guild, ...channel }: (typeof channels)[number]) => channel;
  return {
    id: guild.id,
    name: guild.name,
    icon: null,
    splash: null,
    discovery_splash: null,
    banner: null,
    description: null,
    owner_id: guild.ownerId,
    region: "",
    afk_channel_id: null,
    afk_timeout: 300,
    widget_enabled: false,
    verification_level: 0,
    default_message_notifications: 1,
    explicit_content_filter: 0,
    mfa_level: 0,
    nsfw_level: 0,
    premium_tier: 0,
    premium_subscription_count: 0,
    premium_progress_bar_enabled: false,
    preferred_locale: "en-US",
    features: [],
    system_channel_id: null,
    system_channel_flags: 0,
    rules_channel_id: null,
    public_updates_channel_id: null,
    safety_alerts_channel_id: null,
    max_members: 500_000,
    max_video_channel_users: 25,
    vanity_url_code: null,
    application_id: null,
    joined_at: guild.joinedAt,
    large: false,
    unavailable: false,
    lazy: true,
    member_count: guild.members.length,
    roles: guild.roles.map((role, position) => world.roleJson(role, position)),
    members: guild.members.map((member) => world.memberJson(guild.id, member.userId)),
    channels: channels.filter((channel) => !isThread(channel)).map(withoutGuild),
    threads: channels.filter(isThread),
    emojis: [],
    stickers: [],
    presences: [],
    voice_states: [],
    stage_instances: [],
    guild_scheduled_events: [],
    soundboard_sounds: [],
    embedded_activities: [],
  };
}
