/**
 * The custom_id of each button and modal under an answer: `sabio:<action>:<question id>`. The
 * question id in a click is only a claim: the review service checks it belongs to the workspace.
 */
export const answerActions = ["up", "down", "approve", "correct", "drop"] as const;
export type AnswerAction = (typeof answerActions)[number];

const prefix = "sabio";
/** The correction form's custom_id action and its one text input's custom_id. */
export const correctionModalAction = "correct-modal";
export const correctionTextInputId = "text";

/** Discord allows 100 characters per custom_id; a uuid question id needs 36. */
export function answerCustomId(
  action: AnswerAction | typeof correctionModalAction,
  questionId: string,
): string {
  return `${prefix}:${action}:${questionId}`;
}

export interface ParsedAnswerCustomId {
  action: AnswerAction | typeof correctionModalAction;
  questionId: string;
}

/** Undefined for anything that is not one of ours (another app's or an old format's button). */
export function parseAnswerCustomId(customId: string): ParsedAnswerCustomId | undefined {
  const [head, action, questionId, ...rest] = customId.split(":");
  if (head !== prefix || !action || !questionId || rest.length > 0) return undefined;
  if (action !== correctionModalAction && !(answerActions as readonly string[]).includes(action))
    return undefined;
  if (!/^[A-Za-z0-9-]{1,64}$/.test(questionId)) return undefined;
  return { action: action as ParsedAnswerCustomId["action"], questionId };
}
