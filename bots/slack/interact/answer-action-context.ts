import type { WebClient } from "@slack/web-api";
import type { Logger } from "#shared/log/logger.ts";
import type { ReviewRequest, ReviewService } from "#shared/review/review-service.ts";
import type { PublishHome } from "../home/create-home-publisher.ts";
import type { SlackApproverContext } from "./approvers.ts";

export interface AnswerActionsOptions {
  /** The review rules (votes, approvals, corrections); Slack only parses clicks and renders. */
  review: ReviewService<SlackApproverContext>;
  /**
   * The Sabio workspace a Slack team feeds (undefined: not ours). A button may only touch that
   * workspace's answers.
   */
  workspaceFor(teamId: string): string | undefined;
  /** Re-publishes the App Home after a click made there (it has no message to update). */
  publishHome: PublishHome;
  logger: Logger;
}

/** What every answer-button handler works with: the options plus the Web API client of the click. */
export interface AnswerActionContext extends AnswerActionsOptions {
  client: WebClient;
}

/** The review request of a Slack click, or undefined when the team feeds no Sabio workspace. */
export function reviewRequest(
  context: AnswerActionContext,
  who: { teamId: string; userId: string; questionId: string },
): ReviewRequest<SlackApproverContext> | undefined {
  const workspaceId = context.workspaceFor(who.teamId);
  if (workspaceId === undefined) return undefined;
  return {
    questionId: who.questionId,
    workspaceId,
    reviewer: { platform: "slack", userId: who.userId },
    context: { client: context.client, teamId: who.teamId },
  };
}
