import { MessageFlags, type RepliableInteraction } from "discord.js";

/**
 * An ephemeral line to the person who used the command or button: the first response when nothing
 * answered yet, else a follow-up (after a defer). Never pings anyone.
 */
export async function replyPrivately(interaction: RepliableInteraction, content: string): Promise<void> {
  const message = { content, flags: MessageFlags.Ephemeral, allowedMentions: { parse: [] } } as const;
  if (interaction.deferred || interaction.replied) {
    await interaction.followUp(message);
    return;
  }
  await interaction.reply(message);
}
