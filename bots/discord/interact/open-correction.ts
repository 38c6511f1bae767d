import type { ButtonInteraction } from "discord.js";
import type { Logger } from "#shared/log/logger.ts";
import type { StartCorrectionResult } from "#shared/review/review-results.ts";
import { approverContextOf } from "./approver-context-of.ts";
import { clickReplies } from "./click-replies.ts";
import { correctionModal } from "./correction-modal.ts";
import { isDiscordApprover } from "./discord-approvers.ts";
import type { DiscordInteractionDeps } from "./discord-interaction-deps.ts";
import { replyPrivately } from "./reply-privately.ts";
import { reviewRequestOf } from "./review-request-of.ts";

/** How long the current text may take to load before the form opens without it (Discord allows 3 s). */
export const defaultCorrectionLoadBudgetMs = 1_500;

/**
 * Correct & approve, step one: the modal must be the click's FIRST response, so nothing is
 * deferred. Who may is read off the payload synchronously; the current text is one quick database
 * read, and if it is slow the form opens empty rather than the click failing.
 */
export async function openCorrection(
  interaction: ButtonInteraction,
  questionId: string,
  deps: DiscordInteractionDeps,
  log: Logger,
): Promise<void> {
  const reviewer = { platform: "discord", userId: interaction.user.id };
  if (!isDiscordApprover(reviewer, approverContextOf(interaction), deps.approvers)) {
    return replyPrivately(interaction, clickReplies.notApprover);
  }
  const started = await withinBudget(
    reviewRequestOf(interaction, questionId, deps).then((request) => deps.review.startCorrection(request)),
    deps.correctionLoadBudgetMs ?? defaultCorrectionLoadBudgetMs,
  );
  if (started === undefined) {
    log.warn({ questionId }, "answer text not loaded in time; correction form opens empty");
    await interaction.showModal(correctionModal(questionId, undefined));
    return;
  }
  if (started.kind === "unavailable") return replyPrivately(interaction, clickReplies.unavailable);
  if (started.kind === "not-approver") return replyPrivately(interaction, clickReplies.notApprover);
  await interaction.showModal(
    correctionModal(started.questionId, { question: started.question, text: started.currentText }),
  );
}

/** The result, or undefined once the budget is spent (a late rejection is dropped, not unhandled). */
async function withinBudget(
  work: Promise<StartCorrectionResult>,
  budgetMs: number,
): Promise<StartCorrectionResult | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), budgetMs);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
    work.catch(() => {});
  }
}
