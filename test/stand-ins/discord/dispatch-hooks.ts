import type { APIMessage } from "discord.js";
import type { DiscordWorld } from "./discord-world.ts";

/** A dispatched message is kept in its REST shape (no `guild_id`, no `member`), so routes can find it. */
export function storeDispatchedMessage(world: DiscordWorld, data: Record<string, unknown>): void {
  const { guild_id: guildId, member: _member, channel_type: _type, ...message } = data;
  const channelId = String(message.channel_id);
  if (world.findMessage(channelId, String(message.id))) return;
  world.storeMessage(message as unknown as APIMessage, typeof guildId === "string" ? guildId : undefined);
}

export function registerInteraction(world: DiscordWorld, data: Record<string, unknown>): void {
  const user =
    (data.member as { user?: { id?: string } } | undefined)?.user ??
    (data.user as { id?: string } | undefined);
  world.interactions.set(String(data.id), {
    id: String(data.id),
    token: String(data.token),
    type: Number(data.type),
    userId: String(user?.id),
    applicationId: String(data.application_id),
    channelId: String(data.channel_id),
    guildId: typeof data.guild_id === "string" ? data.guild_id : undefined,
    sourceMessageId: (data.message as { id?: string } | undefined)?.id,
    createdAt: world.now(),
    respondedWith: undefined,
    originalMessageId: undefined,
    expired: false,
  });
}
