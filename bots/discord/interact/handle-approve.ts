import type { ButtonInteraction } from "discord.js";
import { approverContextOf } from "./approver-context-of.ts";
import { clickReplies } from "./click-replies.ts";
import { isDiscordApprover } from "./discord-approvers.ts";
import type { DiscordInteractionDeps } from "./discord-interaction-deps.ts";
import { replyPrivately } from "./reply-privately.ts";
import { reviewRequestOf } from "./review-request-of.ts";
import { showReviewed } from "./show-reviewed.ts";

/**
 * Approve: approvers only. Who may is read off the payload at once (a non-approver hears why
 * as the first response); the approval is recorded after the acknowledgement.
 */
export async function handleApprove(
  interaction: ButtonInteraction,
  questionId: string,
  deps: DiscordInteractionDeps,
): Promise<void> {
  const reviewer = { platform: "discord", userId: interaction.user.id };
  if (!isDiscordApprover(reviewer, approverContextOf(interaction), deps.approvers)) {
    return replyPrivately(interaction, clickReplies.notApprover);
  }
  await interaction.deferUpdate();
  const request = await reviewRequestOf(interaction, questionId, deps);
  const result = await deps.review.approve(request);
  if (result.kind === "unavailable") return replyPrivately(interaction, clickReplies.unavailable);
  if (result.kind === "not-approver") return replyPrivately(interaction, clickReplies.notApprover);
  if (result.kind === "already-approved")
    return replyPrivately(interaction, clickReplies.alreadyApproved(result.by));
  await showReviewed(interaction, result, { textChanged: false, workspaceId: request.workspaceId, deps });
}
