import type { Interaction } from "discord.js";
import type { ReviewRequest } from "#shared/review/review-service.ts";
import { approverContextOf } from "./approver-context-of.ts";
import type { DiscordApproverContext } from "./discord-approvers.ts";
import type { DiscordInteractionDeps } from "./discord-interaction-deps.ts";
import { interactionWorkspace } from "./interaction-workspace.ts";

/**
 * The review request of a click: the clicker and their permissions from Discord's payload, the
 * workspace of the guild it came from; the question id from the button is only a claim.
 */
export async function reviewRequestOf(
  interaction: Interaction,
  questionId: string,
  deps: Pick<DiscordInteractionDeps, "workspace">,
): Promise<ReviewRequest<DiscordApproverContext>> {
  return {
    questionId,
    workspaceId: await interactionWorkspace(interaction, deps.workspace),
    reviewer: { platform: "discord", userId: interaction.user.id },
    context: approverContextOf(interaction),
  };
}
