/** The action_id of each answer button; the Slack bot's action handlers listen for these. */
export const answerActionIds = {
  feedbackUp: "sabio_feedback_up",
  feedbackDown: "sabio_feedback_down",
  approve: "sabio_approve",
  correct: "sabio_correct",
} as const;
