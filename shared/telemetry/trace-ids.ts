import { createHash } from "node:crypto";

/**
 * The Langfuse trace id of a question: the first 32 hex digits of SHA-256(question id), as
 * Langfuse's own `createTraceId(seed)` makes it. Derived rather than stored, so a 👍 clicked in a
 * bot process scores the trace the answer worker wrote.
 */
export function traceIdOf(questionId: string): string {
  return createHash("sha256").update(questionId).digest("hex").slice(0, 32);
}

/** One score id per (question, user): a second click on the same answer updates the same score. */
export function feedbackScoreId(questionId: string, userHash: string): string {
  return `feedback-${createHash("sha256").update(`${questionId}\n${userHash}`).digest("hex").slice(0, 32)}`;
}

export function approvalScoreId(questionId: string): string {
  return `approval-${traceIdOf(questionId)}`;
}
