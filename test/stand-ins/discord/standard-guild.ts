import { type ChannelFlags, ChannelType, PermissionFlagsBits } from "discord.js";
import type { DiscordWorld, StandInMember, StandInRole, StandInUser } from "./discord-world.ts";

export interface GuildSpec {
  id: string;
  name: string;
  ownerId: string;
  /** Text channels (type 0). */
  channels: { id: string; name: string }[];
  /** Roles besides `@everyone` (whose id is the guild id) and the bot's own role. */
  roles?: StandInRole[];
  /** Members besides the bot, which is always one. */
  members: StandInMember[];
  /** `@everyone`'s permissions (default: what a member of a typical community can do). */
  everyonePermissions?: bigint;
}

/** What `@everyone` may do by default, and what the invite URL the README describes grants the bot. */
export const memberPermissions =
  PermissionFlagsBits.ViewChannel |
  PermissionFlagsBits.SendMessages |
  PermissionFlagsBits.SendMessagesInThreads |
  PermissionFlagsBits.CreatePublicThreads |
  PermissionFlagsBits.ReadMessageHistory |
  PermissionFlagsBits.AddReactions |
  PermissionFlagsBits.EmbedLinks |
  PermissionFlagsBits.UseApplicationCommands;

/** Ids of the world a stand-in starts with when the test gives none. */
export const standardIds = {
  guild: "1100000000000000001",
  general: "1100000000000000002",
  random: "1100000000000000003",
  bot: "1100000000000000100",
  owner: "1100000000000000201",
  member: "1100000000000000202",
  moderator: "1100000000000000203",
  otherBot: "1100000000000000204",
  moderatorRole: "1100000000000000301",
} as const;

export const standardUsers: StandInUser[] = [
  { id: standardIds.owner, username: "ada" },
  { id: standardIds.member, username: "pat" },
  { id: standardIds.moderator, username: "mo" },
  { id: standardIds.otherBot, username: "helper", bot: true },
];

export const standardGuild: GuildSpec = {
  id: standardIds.guild,
  name: "Sabio Test",
  ownerId: standardIds.owner,
  channels: [
    { id: standardIds.general, name: "general" },
    { id: standardIds.random, name: "random" },
  ],
  roles: [{ id: standardIds.moderatorRole, name: "Moderator", permissions: PermissionFlagsBits.ManageGuild }],
  members: [
    { userId: standardIds.owner, roleIds: [] },
    { userId: standardIds.member, roleIds: [] },
    { userId: standardIds.moderator, roleIds: [standardIds.moderatorRole] },
    { userId: standardIds.otherBot, roleIds: [] },
  ],
};

/** Puts a guild, its roles, members (the bot included) and text channels into the world. */
export function addGuild(world: DiscordWorld, spec: GuildSpec): void {
  const botRole: StandInRole = {
    id: world.nextId(),
    name: world.botUser.username,
    permissions: memberPermissions,
  };
  world.guilds.set(spec.id, {
    id: spec.id,
    name: spec.name,
    ownerId: spec.ownerId,
    roles: [
      { id: spec.id, name: "@everyone", permissions: spec.everyonePermissions ?? memberPermissions },
      ...(spec.roles ?? []),
      botRole,
    ],
    members: [...spec.members, { userId: world.botUser.id, roleIds: [botRole.id] }],
    joinedAt: world.isoNow(),
  });
  spec.channels.forEach((channel, position) => {
    world.addChannel({
      id: channel.id,
      type: ChannelType.GuildText,
      guild_id: spec.id,
      name: channel.name,
      position,
      permission_overwrites: [],
      parent_id: null,
      topic: null,
      nsfw: false,
      last_message_id: null,
      rate_limit_per_user: 0,
      flags: 0 as ChannelFlags,
    });
  });
}
