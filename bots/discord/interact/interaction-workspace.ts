import type { Interaction } from "discord.js";
import { type DiscordWorkspaceSettings, discordWorkspaceFor } from "../discord-workspace.ts";
import { sharedGuildIds } from "../receive/shared-guild-ids.ts";

/** The Sabio workspace an interaction acts in: its guild's, or for a DM the user's first shared guild's. */
export function interactionWorkspace(
  interaction: Interaction,
  settings: DiscordWorkspaceSettings,
): Promise<string> {
  return discordWorkspaceFor(
    {
      guildId: interaction.guildId ?? undefined,
      userId: interaction.user.id,
      sharedGuildIds: (userId) => sharedGuildIds(interaction.client, userId),
    },
    settings,
  );
}
