/** How guilds map to Sabio workspaces (DISCORD_WORKSPACE_PER_GUILD, SABIO_WORKSPACE). */
export interface DiscordWorkspaceSettings {
  /** Every guild answers from this one unless `perGuild`. */
  defaultWorkspace: string;
  /** A public bot: each guild is its own workspace `discord-<guild id>`. */
  perGuild: boolean;
}

export interface DiscordWorkspaceQuery {
  /** Undefined for a DM. */
  guildId?: string | undefined;
  userId: string;
  /** Guilds the user shares with the bot, in the bot's order (only asked for DMs, per guild mode). */
  sharedGuildIds(userId: string): Promise<string[]>;
}

export function guildWorkspaceId(guildId: string): string {
  return `discord-${guildId}`;
}

/**
 * The workspace a question or click answers from. A DM has no guild: it answers from the first
 * guild the user shares with the bot, so a public bot never mixes one server's knowledge into
 * another's; with none shared, the default workspace.
 */
export async function discordWorkspaceFor(
  query: DiscordWorkspaceQuery,
  settings: DiscordWorkspaceSettings,
): Promise<string> {
  if (!settings.perGuild) return settings.defaultWorkspace;
  if (query.guildId) return guildWorkspaceId(query.guildId);
  const [first] = await query.sharedGuildIds(query.userId);
  return first ? guildWorkspaceId(first) : settings.defaultWorkspace;
}
