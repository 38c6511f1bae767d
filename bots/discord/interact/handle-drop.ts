import type { ButtonInteraction } from "discord.js";
import { approverContextOf } from "./approver-context-of.ts";
import { clickReplies } from "./click-replies.ts";
import { isDiscordApprover } from "./discord-approvers.ts";
import type { DiscordInteractionDeps } from "./discord-interaction-deps.ts";
import { replyPrivately } from "./reply-privately.ts";
import { reviewRequestOf } from "./review-request-of.ts";
import { showReviewed } from "./show-reviewed.ts";

/**
 * Drop, on a stale approval in `/sabio pending`: approvers only (a non-approver hears why as the
 * first response, nothing is deleted). The review service deletes the approval, the item is shown
 * again as an answer waiting for approval, and the clicker is told privately.
 */
export async function handleDrop(
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
  const result = await deps.review.drop(request);
  if (result.kind === "unavailable") return replyPrivately(interaction, clickReplies.unavailable);
  if (result.kind === "not-approver") return replyPrivately(interaction, clickReplies.notApprover);
  if (!result.changed) return replyPrivately(interaction, clickReplies.nothingToDrop);
  await showReviewed(interaction, result, { textChanged: false, workspaceId: request.workspaceId, deps });
  await replyPrivately(interaction, clickReplies.dropped);
}
