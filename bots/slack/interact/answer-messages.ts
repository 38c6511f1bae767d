import type { Reviewed } from "#shared/review/review-results.ts";
import { answerBlocks, type SlackMessage } from "../format/answer-blocks.ts";

/**
 * An answer's Slack messages rebuilt from the review service's reply (corrected text, approval,
 * votes), so every update shows the whole current state whichever button changed it.
 */
export function answerMessages(reviewed: Pick<Reviewed, "questionId" | "reply">): SlackMessage[] {
  return answerBlocks(reviewed.reply, { questionId: reviewed.questionId });
}
