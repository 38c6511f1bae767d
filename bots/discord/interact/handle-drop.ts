import type { ButtonInteraction } from "discord.js";
import { clickReplies } from "./click-replies.ts";
import type { DiscordInteractionDeps } from "./discord-interaction-deps.ts";
import { replyPrivately } from "./reply-privately.ts";
import { reviewApproverClick } from "./review-approver-click.ts";
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
  const clicked = await reviewApproverClick(interaction, questionId, deps, (request) =>
    deps.review.drop(request),
  );
  if (!clicked) return;
  const { request, result } = clicked;
  if (!result.changed) return replyPrivately(interaction, clickReplies.nothingToDrop);
  await showReviewed(interaction, result, { textChanged: false, workspaceId: request.workspaceId, deps });
  await replyPrivately(interaction, clickReplies.dropped);
}
