import type { ActionsBlock, Button } from "@slack/types";
import { answerActionIds } from "./answer-action-ids.ts";

function button(
  questionId: string,
  actionId: string,
  text: string,
  label: string,
  style?: "primary",
): Button {
  return {
    type: "button",
    action_id: actionId,
    text: { type: "plain_text", text, emoji: true },
    value: questionId,
    accessibility_label: label,
    ...(style ? { style } : {}),
  };
}

/**
 * Feedback buttons under an answer, and the review buttons until someone approves it. Every
 * button carries the question id; who may approve is checked by the handler, not here.
 */
export function answerActions(questionId: string, options: { approved: boolean }): ActionsBlock {
  const feedback = [
    button(questionId, answerActionIds.feedbackUp, "👍", "Helpful answer"),
    button(questionId, answerActionIds.feedbackDown, "👎", "Unhelpful answer"),
  ];
  const review = [
    button(questionId, answerActionIds.approve, "Approve", "Approve this answer", "primary"),
    button(questionId, answerActionIds.correct, "Correct & approve", "Correct this answer, then approve it"),
  ];
  return {
    type: "actions",
    block_id: "sabio_answer_actions",
    elements: options.approved ? feedback : [...feedback, ...review],
  };
}
