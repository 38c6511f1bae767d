import type { Client } from "discord.js";

/**
 * Guilds in the client's cache the user is a member of, in cache order: where a DM answers from
 * in per-guild mode. A guild whose member lookup fails (the user is not there, Discord errors)
 * is left out rather than failing the question.
 */
export async function sharedGuildIds(client: Client, userId: string): Promise<string[]> {
  const guilds = [...client.guilds.cache.values()];
  const found = await Promise.all(
    guilds.map(async (guild) => {
      try {
        await guild.members.fetch(userId);
        return guild.id;
      } catch {
        return undefined;
      }
    }),
  );
  return found.filter((id): id is string => id !== undefined);
}
