import { PermissionFlagsBits, type PermissionsBitField } from "discord.js";
import type { Approvers } from "#shared/review/approvers.ts";

/** Who approves besides members with Manage Server (DISCORD_APPROVER_ROLE_IDS, DISCORD_APPROVERS). */
export interface DiscordApproverSettings {
  roleIds: readonly string[];
  userIds: readonly string[];
}

/**
 * What the check reads off the interaction payload (signed by Discord, delivered over the
 * gateway): the member's permissions in the channel and their role ids. Both are absent in a DM.
 */
export interface DiscordApproverContext {
  memberPermissions: Readonly<PermissionsBitField> | null;
  roleIds: readonly string[];
}

export type DiscordApprovers = Approvers<DiscordApproverContext>;

/**
 * Synchronous on purpose: "Correct & approve" must answer with the modal as its first response,
 * so nothing may be awaited before it.
 */
export function isDiscordApprover(
  user: { platform: string; userId: string },
  context: DiscordApproverContext,
  settings: DiscordApproverSettings,
): boolean {
  // Another platform's user is never a Discord approver, whatever their id looks like.
  if (user.platform !== "discord") return false;
  if (settings.userIds.includes(user.userId)) return true;
  if (context.memberPermissions?.has(PermissionFlagsBits.ManageGuild)) return true;
  return context.roleIds.some((roleId) => settings.roleIds.includes(roleId));
}

/** The review service's approver check for Discord. */
export function createDiscordApprovers(settings: DiscordApproverSettings): DiscordApprovers {
  return {
    isApprover: async (user, context) => isDiscordApprover(user, context, settings),
  };
}
