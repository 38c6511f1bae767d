import { type ApprovalEvents, noApprovalEvents } from "#shared/approvals/approval-events.ts";
import { type MemberActivityLog, memberActivityLog } from "#shared/billing/seats/member-activity-log.ts";
import type { Db } from "#shared/db/database.ts";
import {
  deleteApproval,
  feedbackTally,
  getApproval,
  recordApproval,
  recordFeedback,
} from "#shared/db/feedback-repository.ts";
import type { FeedbackValue } from "#shared/db/schema.ts";
import { errorMessage } from "#shared/errors/app-error.ts";
import type { Logger } from "#shared/log/logger.ts";
import type { PlatformUser, ReviewState } from "#shared/platform/platform.ts";
import { noTelemetry, type Telemetry } from "#shared/telemetry/telemetry.ts";
import { userHash } from "#shared/telemetry/user-hash.ts";
import { approvalPinning } from "./approval-pinning.ts";
import type { Approvers } from "./approvers.ts";
import { type AnsweredQuestion, loadAnsweredQuestion } from "./load-answered-question.ts";
import type {
  ApproveResult,
  CorrectResult,
  DropResult,
  NotApprover,
  Reviewed,
  StartCorrectionResult,
  Unavailable,
  VoteResult,
} from "./review-results.ts";
import { reviewStateOf } from "./review-state-of.ts";
import { reviewedReply } from "./reviewed-reply.ts";

/** A review action on one answer; the question id comes from a button, so it is only a claim. */
export interface ReviewRequest<Context> {
  questionId: string;
  /** The Sabio workspace of the platform team the click came from: ids elsewhere are unknown. */
  workspaceId: string;
  /** From the platform's signed payload: the only identity trusted for permissions. */
  reviewer: PlatformUser;
  /** What the platform's approver check needs (Slack: the click's client and team). */
  context: Context;
}

export interface ReviewService<Context> {
  /** 👍/👎: anyone in the workspace, one vote per (platform, user); the other value replaces it. */
  vote(request: Omit<ReviewRequest<Context>, "context"> & { value: FeedbackValue }): Promise<VoteResult>;
  /**
   * Approve as it is: approvers only; the first approval stays, unless it went stale (a cited
   * document changed or went): then this re-approves it, pinned to the documents as they are now.
   */
  approve(request: ReviewRequest<Context>): Promise<ApproveResult>;
  /** Before a correction form opens: may this person correct, and what text does it start from. */
  startCorrection(request: ReviewRequest<Context>): Promise<StartCorrectionResult>;
  /** Correct & approve: replaces the text; the first approver stays the one shown (a stale one is re-approved). */
  correct(request: ReviewRequest<Context> & { text: string }): Promise<CorrectResult>;
  /** Drops an approval (a stale one nobody will vouch for again): approvers only; `changed` false if there was none. */
  drop(request: ReviewRequest<Context>): Promise<DropResult>;
  /** The stored review of an answer (for a platform rendering it again); undefined: none yet. */
  reviewState(questionId: string): Promise<ReviewState | undefined>;
}

export interface ReviewServiceOptions<Context> {
  database: Db;
  approvers: Approvers<Context>;
  /** Told of every approval, correction and re-approval (the answer bank); default: nobody. */
  events?: ApprovalEvents;
  /** Where a failing listener is reported; the review itself still succeeds. */
  logger?: Logger;
  /** Voters and reviewers become active members (seats); default: recorded, no seat sync scheduled. */
  members?: MemberActivityLog;
  /** Told of each vote and approval (feedback scores, analytics); default: nobody. */
  telemetry?: Telemetry;
}

/**
 * Feedback, approval and correction of answers for every chat platform: the rules live here, the
 * platform only parses its payloads and renders the returned state.
 */
export function createReviewService<Context>(options: ReviewServiceOptions<Context>): ReviewService<Context> {
  const { database, approvers } = options;
  const events = options.events ?? noApprovalEvents;
  const telemetry = options.telemetry ?? noTelemetry;
  const approved = (loaded: AnsweredQuestion, corrected: boolean) =>
    telemetry.answerApproved({ ...questionRef(loaded), corrected });
  const members = options.members ?? memberActivityLog(database);
  /** Whoever voted or reviewed used Sabio: a seat, like an asker. */
  const active = (
    request: { workspaceId: string; reviewer: PlatformUser },
    activity: "feedback" | "reviewed",
  ) => members.record({ workspaceId: request.workspaceId, ...request.reviewer, activity, at: new Date() });

  /** The approval is stored either way: a listener that fails (the bank's embedder down) is only logged. */
  async function announce(workspaceId: string, questionId: string): Promise<void> {
    try {
      await events.approved(workspaceId, questionId);
    } catch (error) {
      options.logger?.warn(
        { err: errorMessage(error), questionId },
        "an approval listener failed; the approval is stored",
      );
    }
  }

  /** The answer, if it is in the workspace, and whether the reviewer may approve. Both at once: Slack's modal must open within 3 s. */
  async function forApprover<C extends ReviewRequest<Context>>(
    request: C,
  ): Promise<Unavailable | NotApprover | { kind: "allowed"; loaded: AnsweredQuestion }> {
    const [approver, loaded] = await Promise.all([
      approvers.isApprover(request.reviewer, request.context),
      loadAnsweredQuestion(database, request.workspaceId, request.questionId),
    ]);
    if (!loaded) return { kind: "unavailable" };
    if (!approver) return { kind: "not-approver" };
    return { kind: "allowed", loaded };
  }

  const done = (loaded: AnsweredQuestion, changed: boolean): Reviewed => {
    const reply = reviewedReply(loaded);
    return {
      kind: "done",
      changed,
      questionId: loaded.question.id,
      state: reply.review ?? {},
      reply,
    };
  };

  return {
    async vote(request) {
      const loaded = await loadAnsweredQuestion(database, request.workspaceId, request.questionId);
      if (!loaded) return { kind: "unavailable" };
      const { changed, tally } = await recordFeedback(database, {
        questionId: loaded.question.id,
        voter: request.reviewer,
        value: request.value,
      });
      await active(request, "feedback");
      telemetry.feedbackGiven({
        ...questionRef(loaded),
        userHash: userHash(request.workspaceId, request.reviewer.platform, request.reviewer.userId),
        value: request.value,
      });
      return done({ ...loaded, tally }, changed);
    },

    async approve(request) {
      const access = await forApprover(request);
      if (access.kind !== "allowed") return access;
      const { approval, changed } = await recordApproval(database, {
        questionId: access.loaded.question.id,
        approver: request.reviewer,
        ...(await approvalPinning(database, access.loaded)),
      });
      await active(request, "reviewed");
      if (!changed) {
        return {
          kind: "already-approved",
          by: { platform: approval.approvedByPlatform, userId: approval.approvedBy },
        };
      }
      await announce(request.workspaceId, approval.questionId);
      approved(access.loaded, false);
      return done({ ...access.loaded, approval }, true);
    },
    async startCorrection(request) {
      const access = await forApprover(request);
      if (access.kind !== "allowed") return access;
      const { question, answer, approval } = access.loaded;
      return {
        kind: "correctable",
        questionId: question.id,
        question: question.text,
        currentText: approval?.correctedText ?? answer.text,
      };
    },

    async correct(request) {
      const text = request.text.trim();
      if (text === "") return { kind: "empty-correction" };
      const access = await forApprover(request);
      if (access.kind !== "allowed") return access;
      const { approval, changed } = await recordApproval(database, {
        questionId: access.loaded.question.id,
        approver: request.reviewer,
        correctedText: text,
        ...(await approvalPinning(database, access.loaded)),
      });
      await active(request, "reviewed");
      if (changed) {
        await announce(request.workspaceId, approval.questionId);
        approved(access.loaded, true);
      }
      return done({ ...access.loaded, approval }, changed);
    },
    async drop(request) {
      const access = await forApprover(request);
      if (access.kind !== "allowed") return access;
      const dropped = await deleteApproval(database, access.loaded.question.id);
      await active(request, "reviewed");
      return done({ ...access.loaded, approval: undefined }, dropped);
    },
    async reviewState(questionId) {
      const [approval, tally] = await Promise.all([
        getApproval(database, questionId),
        feedbackTally(database, questionId),
      ]);
      if (!approval && tally.up === 0 && tally.down === 0) return undefined;
      return reviewStateOf(approval, tally);
    },
  };
}

/** The answered question as telemetry names it. */
function questionRef(loaded: AnsweredQuestion) {
  return {
    workspaceId: loaded.question.workspaceId,
    questionId: loaded.question.id,
    platform: loaded.question.platform,
  };
}
