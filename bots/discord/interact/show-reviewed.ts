import { type ButtonInteraction, MessageFlags, type ModalSubmitInteraction } from "discord.js";
import { loadAnsweredQuestion } from "#shared/review/load-answered-question.ts";
import type { Reviewed } from "#shared/review/review-results.ts";
import { answerMessageParts } from "./answer-message-parts.ts";
import type { DiscordInteractionDeps } from "./discord-interaction-deps.ts";
import { pendingAnswerMessage } from "./pending-answer-message.ts";

const noPings = { parse: [] };

/**
 * Rewrites the clicked message (already acknowledged with deferUpdate) to show the current state.
 * An answer message takes the answer's last part (the one with the buttons) or, after a
 * correction, the first part with the rest following; earlier parts of a long original answer are
 * not known here and stay as they were. A `/sabio pending` item is re-rendered as an item.
 */
export async function showReviewed(
  interaction: ButtonInteraction | ModalSubmitInteraction,
  reviewed: Reviewed,
  options: { textChanged: boolean; workspaceId: string; deps: Pick<DiscordInteractionDeps, "database"> },
): Promise<void> {
  if (interaction.message?.flags.has(MessageFlags.Ephemeral)) {
    const loaded = await loadAnsweredQuestion(
      options.deps.database,
      options.workspaceId,
      reviewed.questionId,
    );
    const item = pendingAnswerMessage({
      questionId: reviewed.questionId,
      question: loaded?.question.text ?? "",
      answer: reviewed.reply.text,
      review: reviewed.state,
    });
    await interaction.editReply({ ...item, allowedMentions: noPings });
    return;
  }
  const parts = answerMessageParts(reviewed);
  const [first, ...rest] = options.textChanged ? parts : parts.slice(-1);
  if (!first) return;
  await interaction.editReply({ ...first, allowedMentions: noPings });
  for (const part of rest) await interaction.followUp({ ...part, allowedMentions: noPings });
}
