import type { Interaction } from "discord.js";
import type { DiscordApproverContext } from "./discord-approvers.ts";

/** The clicker's permissions and roles as Discord put them in the interaction (none in a DM). */
export function approverContextOf(interaction: Interaction): DiscordApproverContext {
  const member = interaction.member;
  const roleIds = !member ? [] : Array.isArray(member.roles) ? member.roles : [...member.roles.cache.keys()];
  return { memberPermissions: interaction.memberPermissions, roleIds };
}
