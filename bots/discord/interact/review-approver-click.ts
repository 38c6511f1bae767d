import type { ButtonInteraction } from "discord.js";
import type { NotApprover, Unavailable } from "#shared/review/review-results.ts";
import type { ReviewRequest } from "#shared/review/review-service.ts";
import { approverContextOf } from "./approver-context-of.ts";
import { clickReplies } from "./click-replies.ts";
import { type DiscordApproverContext, isDiscordApprover } from "./discord-approvers.ts";
import type { DiscordInteractionDeps } from "./discord-interaction-deps.ts";
import { replyPrivately } from "./reply-privately.ts";
import { reviewRequestOf } from "./review-request-of.ts";

/** What an approvers-only click came to, once it got past the approver checks. */
export interface ApproverClick<TResult> {
  request: ReviewRequest<DiscordApproverContext>;
  result: Exclude<TResult, Unavailable | NotApprover>;
}

/**
 * An approvers-only button that updates its message: who may is read off the payload at once, so a
 * non-approver hears why as the first response; an approver's click is acknowledged, then
 * reviewed. Undefined when the clicker was already told why nothing happened (not an approver,
 * the review service refused or is unavailable).
 */
export async function reviewApproverClick<TResult extends { kind: string }>(
  interaction: ButtonInteraction,
  questionId: string,
  deps: Pick<DiscordInteractionDeps, "approvers" | "workspace">,
  review: (request: ReviewRequest<DiscordApproverContext>) => Promise<TResult>,
): Promise<ApproverClick<TResult> | undefined> {
  const reviewer = { platform: "discord", userId: interaction.user.id };
  if (!isDiscordApprover(reviewer, approverContextOf(interaction), deps.approvers)) {
    await replyPrivately(interaction, clickReplies.notApprover);
    return undefined;
  }
  await interaction.deferUpdate();
  const request = await reviewRequestOf(interaction, questionId, deps);
  const result = await review(request);
  if (isAccepted(result)) return { request, result };
  await replyPrivately(
    interaction,
    result.kind === "unavailable" ? clickReplies.unavailable : clickReplies.notApprover,
  );
  return undefined;
}

function isAccepted<TResult extends { kind: string }>(
  result: TResult,
): result is Exclude<TResult, Unavailable | NotApprover> {
  return result.kind !== "unavailable" && result.kind !== "not-approver";
}
