import type { ButtonInteraction } from "discord.js";
import type { ReviewRequest } from "#shared/review/review-service.ts";
import { approverContextOf } from "./approver-context-of.ts";
import { clickReplies } from "./click-replies.ts";
import { type DiscordApproverContext, isDiscordApprover } from "./discord-approvers.ts";
import type { DiscordInteractionDeps } from "./discord-interaction-deps.ts";
import { replyPrivately } from "./reply-privately.ts";
import { reviewRequestOf } from "./review-request-of.ts";

/**
 * The start of an approvers-only button that updates its message: who may is read off the payload
 * at once, so a non-approver hears why as the first response (and gets undefined: nothing more to
 * do); an approver's click is acknowledged, then its review request is read.
 */
export async function startApproverClick(
  interaction: ButtonInteraction,
  questionId: string,
  deps: Pick<DiscordInteractionDeps, "approvers" | "workspace">,
): Promise<ReviewRequest<DiscordApproverContext> | undefined> {
  const reviewer = { platform: "discord", userId: interaction.user.id };
  if (!isDiscordApprover(reviewer, approverContextOf(interaction), deps.approvers)) {
    await replyPrivately(interaction, clickReplies.notApprover);
    return undefined;
  }
  await interaction.deferUpdate();
  return reviewRequestOf(interaction, questionId, deps);
}
