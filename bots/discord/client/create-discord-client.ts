import { Client, GatewayIntentBits, Partials } from "discord.js";

export interface DiscordClientSettings {
  /** REST base without the version (DISCORD_API_URL); the gateway URL comes from GET /gateway/bot. */
  apiUrl: string;
  /** Ask for the privileged Message Content intent (DISCORD_MESSAGE_CONTENT). */
  messageContent: boolean;
}

/** The intents the bot identifies with: mentions, DMs and, when allowed, thread follow-ups. */
export function discordIntents(messageContent: boolean): GatewayIntentBits[] {
  return [
    GatewayIntentBits.Guilds,
    GatewayIntentBits.GuildMessages,
    GatewayIntentBits.DirectMessages,
    ...(messageContent ? [GatewayIntentBits.MessageContent] : []),
  ];
}

/**
 * The bot's discord.js Client, not logged in. `Partials.Channel` because a DM channel is not cached
 * before its first message arrives; nothing the bot posts can ping anyone unless a call says so.
 */
export function createDiscordClient(settings: DiscordClientSettings): Client {
  return new Client({
    intents: discordIntents(settings.messageContent),
    partials: [Partials.Channel],
    rest: { api: settings.apiUrl },
    allowedMentions: { parse: [] },
  });
}
