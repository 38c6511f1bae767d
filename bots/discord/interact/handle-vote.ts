import type { ButtonInteraction } from "discord.js";
import type { FeedbackValue } from "#shared/db/schema.ts";
import { clickReplies } from "./click-replies.ts";
import type { DiscordInteractionDeps } from "./discord-interaction-deps.ts";
import { replyPrivately } from "./reply-privately.ts";
import { reviewRequestOf } from "./review-request-of.ts";
import { showReviewed } from "./show-reviewed.ts";

/** 👍/👎 for everyone: acknowledged at once, one vote per person, the message shows the new tally. */
export async function handleVote(
  interaction: ButtonInteraction,
  questionId: string,
  value: FeedbackValue,
  deps: DiscordInteractionDeps,
): Promise<void> {
  await interaction.deferUpdate();
  const { context: _context, ...request } = await reviewRequestOf(interaction, questionId, deps);
  const result = await deps.review.vote({ ...request, value });
  if (result.kind === "unavailable") return replyPrivately(interaction, clickReplies.unavailable);
  if (!result.changed) return;
  await showReviewed(interaction, result, { textChanged: false, workspaceId: request.workspaceId, deps });
}
