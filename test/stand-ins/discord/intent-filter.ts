import { GatewayIntentBits } from "discord.js";

/** The intent a dispatch needs (undefined: sent to every session, like READY or INTERACTION_CREATE). */
function requiredIntent(type: string, data: Record<string, unknown>): number | undefined {
  const inGuild = typeof data.guild_id === "string";
  if (type.startsWith("MESSAGE_REACTION_")) {
    return inGuild ? GatewayIntentBits.GuildMessageReactions : GatewayIntentBits.DirectMessageReactions;
  }
  if (type.startsWith("MESSAGE_") || type === "TYPING_START") {
    if (type === "TYPING_START")
      return inGuild ? GatewayIntentBits.GuildMessageTyping : GatewayIntentBits.DirectMessageTyping;
    return inGuild ? GatewayIntentBits.GuildMessages : GatewayIntentBits.DirectMessages;
  }
  if (type.startsWith("GUILD_MEMBER")) return GatewayIntentBits.GuildMembers;
  if (type.startsWith("GUILD_") || type.startsWith("CHANNEL_") || type.startsWith("THREAD_")) {
    return GatewayIntentBits.Guilds;
  }
  return undefined;
}

/**
 * What one session gets of a dispatch, as Discord decides it: nothing without the intent, and, without
 * Message Content, a guild message's content, embeds, attachments and components blanked unless it
 * mentions the bot or is the bot's own (DMs always keep them).
 */
export function shapeForSession(
  intents: number,
  botUserId: string,
  type: string,
  data: Record<string, unknown>,
): Record<string, unknown> | undefined {
  const intent = requiredIntent(type, data);
  if (intent !== undefined && (intents & intent) === 0) return undefined;
  if (type !== "MESSAGE_CREATE" && type !== "MESSAGE_UPDATE") return data;
  if (intents & GatewayIntentBits.MessageContent || typeof data.guild_id !== "string") return data;
  const author = data.author as { id?: string } | undefined;
  const mentions = (data.mentions as { id?: string }[] | undefined) ?? [];
  if (author?.id === botUserId || mentions.some((user) => user.id === botUserId)) return data;
  return { ...data, content: "", embeds: [], attachments: [], components: [] };
}
