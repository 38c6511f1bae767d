import { MessageFlags, type ModalSubmitInteraction } from "discord.js";
import { correctionTextInputId } from "../answer-custom-ids.ts";
import { approverContextOf } from "./approver-context-of.ts";
import { clickReplies } from "./click-replies.ts";
import { isDiscordApprover } from "./discord-approvers.ts";
import type { DiscordInteractionDeps } from "./discord-interaction-deps.ts";
import { replyPrivately } from "./reply-privately.ts";
import { reviewRequestOf } from "./review-request-of.ts";
import { showReviewed } from "./show-reviewed.ts";

/**
 * Correct & approve, step two: the submission is a request of its own, so the permission is
 * checked again; an empty text changes nothing. The answer message then shows the new text.
 */
export async function submitCorrection(
  interaction: ModalSubmitInteraction,
  questionId: string,
  deps: DiscordInteractionDeps,
): Promise<void> {
  const text = readText(interaction).trim();
  if (text === "") return replyPrivately(interaction, clickReplies.emptyCorrection);
  const reviewer = { platform: "discord", userId: interaction.user.id };
  if (!isDiscordApprover(reviewer, approverContextOf(interaction), deps.approvers)) {
    return replyPrivately(interaction, clickReplies.notApprover);
  }
  const fromMessage = interaction.isFromMessage();
  if (fromMessage) await interaction.deferUpdate();
  else await interaction.deferReply({ flags: MessageFlags.Ephemeral });
  const request = await reviewRequestOf(interaction, questionId, deps);
  const result = await deps.review.correct({ ...request, text });
  if (result.kind === "unavailable") return replyPrivately(interaction, clickReplies.unavailable);
  if (result.kind === "empty-correction") return replyPrivately(interaction, clickReplies.emptyCorrection);
  if (result.kind === "not-approver") return replyPrivately(interaction, clickReplies.notApprover);
  if (!fromMessage) {
    await interaction.editReply({
      content: "Saved: the corrected answer is approved.",
      allowedMentions: { parse: [] },
    });
    return;
  }
  await showReviewed(interaction, result, { textChanged: true, workspaceId: request.workspaceId, deps });
}

/** The form's one text field ("" when a hand-made submission lacks it). */
function readText(interaction: ModalSubmitInteraction): string {
  try {
    return interaction.fields.getTextInputValue(correctionTextInputId);
  } catch {
    return "";
  }
}
