import type { APIChannel } from "discord.js";
import { ChannelType, PermissionFlagsBits } from "discord.js";
import { discordErrors } from "./discord-api-error.ts";
import type { DiscordWorld } from "./discord-world.ts";

export type StandInChannel = APIChannel & { guild_id?: string };

const threadTypes: number[] = [
  ChannelType.PublicThread,
  ChannelType.PrivateThread,
  ChannelType.AnnouncementThread,
];

export function isThread(channel: StandInChannel): boolean {
  return threadTypes.includes(channel.type);
}

/** The channel, or Discord's 404 10003. */
export function channelOrThrow(world: DiscordWorld, channelId: string | undefined): StandInChannel {
  const channel = world.channels.get(channelId ?? "");
  if (!channel) throw discordErrors.unknownChannel();
  return channel;
}

/** Discord's 403 50013 unless the bot has the permission in the channel's guild (DMs need none). */
export function requireBotPermission(world: DiscordWorld, channel: StandInChannel, permission: bigint): void {
  if (!channel.guild_id) return;
  const granted = world.permissionsOf(channel.guild_id, world.botUser.id);
  if (
    (granted & (permission | PermissionFlagsBits.ViewChannel)) !==
    (permission | PermissionFlagsBits.ViewChannel)
  ) {
    throw discordErrors.missingPermissions();
  }
}
