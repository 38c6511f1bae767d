import type { AnswerActionContext } from "./answer-action-context.ts";
import { type AnsweredQuestion, loadAnsweredQuestion } from "./load-answered-question.ts";

export type ReviewAccess =
  | { kind: "allowed"; loaded: AnsweredQuestion }
  | { kind: "unavailable" }
  | { kind: "not-approver" };

/**
 * The answer a review button points at, if it exists in the clicking team's workspace and the
 * clicker may approve. Both lookups run at once: the correction modal must open within 3 s.
 */
export async function loadForReview(
  context: AnswerActionContext,
  who: { teamId: string; userId: string; questionId: string },
): Promise<ReviewAccess> {
  const workspaceId = context.workspaceFor(who.teamId);
  if (workspaceId === undefined) return { kind: "unavailable" };
  const [approver, loaded] = await Promise.all([
    context.approvers.isApprover(context.client, who.teamId, who.userId),
    loadAnsweredQuestion(context.database, workspaceId, who.questionId),
  ]);
  if (!loaded) return { kind: "unavailable" };
  if (!approver) return { kind: "not-approver" };
  return { kind: "allowed", loaded };
}
