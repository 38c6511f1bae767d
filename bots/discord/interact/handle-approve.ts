import type { ButtonInteraction } from "discord.js";
import { clickReplies } from "./click-replies.ts";
import type { DiscordInteractionDeps } from "./discord-interaction-deps.ts";
import { replyPrivately } from "./reply-privately.ts";
import { showReviewed } from "./show-reviewed.ts";
import { startApproverClick } from "./start-approver-click.ts";

/**
 * Approve: approvers only. Who may is read off the payload at once (a non-approver hears why
 * as the first response); the approval is recorded after the acknowledgement.
 */
export async function handleApprove(
  interaction: ButtonInteraction,
  questionId: string,
  deps: DiscordInteractionDeps,
): Promise<void> {
  const request = await startApproverClick(interaction, questionId, deps);
  if (!request) return;
  const result = await deps.review.approve(request);
  if (result.kind === "unavailable") return replyPrivately(interaction, clickReplies.unavailable);
  if (result.kind === "not-approver") return replyPrivately(interaction, clickReplies.notApprover);
  if (result.kind === "already-approved")
    return replyPrivately(interaction, clickReplies.alreadyApproved(result.by));
  await showReviewed(interaction, result, { textChanged: false, workspaceId: request.workspaceId, deps });
}
