import { type REST, Routes } from "discord.js";
import type { Logger } from "#shared/log/logger.ts";
import { discordCommandDefinitions } from "./discord-command-definitions.ts";

export interface RegisterDiscordCommandsOptions {
  rest: REST;
  applicationId: string;
  /** DISCORD_GUILD_IDS: register in these guilds (at once) instead of globally (up to an hour). */
  guildIds: readonly string[];
  logger: Logger;
}

/** Bulk-overwrites Sabio's slash commands: idempotent, so every start may run it. */
export async function registerDiscordCommands(options: RegisterDiscordCommandsOptions): Promise<void> {
  const { rest, applicationId, guildIds, logger } = options;
  const body = discordCommandDefinitions();
  if (guildIds.length === 0) {
    await rest.put(Routes.applicationCommands(applicationId), { body });
    logger.info({ commands: body.length }, "discord commands registered globally");
    return;
  }
  for (const guildId of guildIds) {
    await rest.put(Routes.applicationGuildCommands(applicationId, guildId), { body });
  }
  logger.info({ commands: body.length, guilds: guildIds.length }, "discord commands registered per guild");
}
