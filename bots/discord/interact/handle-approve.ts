import type { ButtonInteraction } from "discord.js";
import { clickReplies } from "./click-replies.ts";
import type { DiscordInteractionDeps } from "./discord-interaction-deps.ts";
import { replyPrivately } from "./reply-privately.ts";
import { reviewApproverClick } from "./review-approver-click.ts";
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
  const clicked = await reviewApproverClick(interaction, questionId, deps, (request) =>
    deps.review.approve(request),
  );
  if (!clicked) return;
  const { request, result } = clicked;
  if (result.kind === "already-approved")
    return replyPrivately(interaction, clickReplies.alreadyApproved(result.by));
  await showReviewed(interaction, result, { textChanged: false, workspaceId: request.workspaceId, deps });
}
