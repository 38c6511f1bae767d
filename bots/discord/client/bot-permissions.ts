import { PermissionFlagsBits } from "discord.js";

/**
 * Exactly what the bot needs in a server, and what the README's invite URL grants: reply, answer
 * in threads it starts on the question, read the thread so far, 👀, link sources, slash commands.
 */
export const botPermissions =
  PermissionFlagsBits.SendMessages |
  PermissionFlagsBits.SendMessagesInThreads |
  PermissionFlagsBits.CreatePublicThreads |
  PermissionFlagsBits.ReadMessageHistory |
  PermissionFlagsBits.AddReactions |
  PermissionFlagsBits.EmbedLinks |
  PermissionFlagsBits.UseApplicationCommands;

/** The OAuth2 scopes of the invite: the bot user and its slash commands. */
export const botScopes = ["bot", "applications.commands"] as const;

/** The invite URL for an application, as the README shows it. */
export function botInviteUrl(applicationId: string): string {
  const query = `client_id=${applicationId}&scope=${botScopes.join("+")}&permissions=${botPermissions}`;
  return `https://discord.com/oauth2/authorize?${query}`;
}
