import { randomUUID } from "node:crypto";
import { answerRefusal } from "#shared/billing/answer-access.ts";
import type { BillingAlerts } from "#shared/billing/billing-alerts.ts";
import type { Billing } from "#shared/billing/billing-service.ts";
import { type MemberActivityLog, memberActivityLog } from "#shared/billing/seats/member-activity-log.ts";
import type { Database } from "#shared/db/open-database.ts";
import { getAnswer, recordQuestion } from "#shared/db/question-repository.ts";
import { claimReply, failReply, finishReply, recordReplyHandle } from "#shared/db/reply-repository.ts";
import { AppError, ErrorCode, errorMessage, isAppError } from "#shared/errors/app-error.ts";
import type { ViewerResolver } from "#shared/knowledge/store/viewer-groups.ts";
import type { Logger } from "#shared/log/logger.ts";
import type { ConversationTurn, Platform, ReplyHandle, ReplyTarget } from "#shared/platform/platform.ts";
import type { JobPayload } from "#shared/queue/job-catalog.ts";
import type { JobContext } from "#shared/queue/run-worker.ts";
import { flushWithin } from "#shared/telemetry/flush-within.ts";
import { noTelemetry } from "#shared/telemetry/telemetry.ts";
import { userHash } from "#shared/telemetry/user-hash.ts";
import { type AnswerDependencies, answerQuestion } from "./answer-question.ts";
import { answerRow } from "./answer-row.ts";
import { parseReplyHandle } from "./parse-reply-handle.ts";
import { resolveViewer } from "./resolve-viewer.ts";

export interface AnswerJobDependencies {
  database: Database;
  answer: AnswerDependencies;
  /** Platforms by name ("slack", "discord", "cli"), wired in by the process entry point. */
  platforms: Record<string, Platform>;
  logger: Logger;
  /** Adds the asker's groups (the Workspace directory); default: none. */
  viewers?: ViewerResolver;
  /** Makes the asker an active member (a seat); default: recorded, no seat sync scheduled. */
  members?: MemberActivityLog;
  /** The billing access rule (shared/billing); left out, every question is answered. */
  billing?: Billing;
  /** Where the daily past-due warning to admins goes. */
  billingAlerts?: BillingAlerts;
}

export const failureText = "Sorry, I couldn't answer this time. Please try again in a moment.";

/**
 * Processes one question from the `questions` queue: record it, claim its reply, answer it,
 * stream the reply to its platform, record the answer with what it was built from.
 *
 * Exactly one answer message per question, whatever dies when: the reply's platform message is
 * recorded (`replies`) before its first token is shown; any later attempt, on any machine, takes
 * that message over and finishes it; the answer and the finished reply are written in one
 * transaction, so a failure after posting makes the retry rewrite the same message. A cancelled
 * attempt throws and runs again: it never posts a degraded answer.
 */
export function createAnswerJob(dependencies: AnswerJobDependencies) {
  return async (payload: JobPayload<"questions">, context: JobContext): Promise<void> => {
    const { database, logger } = dependencies;
    const platform = dependencies.platforms[payload.platform];
    if (!platform) {
      throw new AppError(
        ErrorCode.InvalidInput,
        `No platform "${payload.platform}" is wired into this worker.`,
      );
    }
    const target: ReplyTarget = {
      workspaceId: payload.workspaceId,
      ...(payload.channelId ? { channelId: payload.channelId } : {}),
      ...(payload.threadId ? { threadId: payload.threadId } : {}),
      ...(payload.messageId ? { messageId: payload.messageId } : {}),
      ...(payload.userId ? { userId: payload.userId } : {}),
      ...(payload.teamId ? { teamId: payload.teamId } : {}),
      ...(payload.interactionId ? { interactionId: payload.interactionId } : {}),
    };
    // Before any billing gate: a question asked while unpaid still makes its asker active.
    if (payload.userId)
      await (dependencies.members ?? memberActivityLog(database.db)).record({
        workspaceId: payload.workspaceId,
        platform: payload.platform,
        userId: payload.userId,
        activity: "asked",
        at: new Date(payload.receivedAt),
      });
    const question = await recordQuestion(database.db, {
      id: randomUUID(),
      workspaceId: payload.workspaceId,
      platform: payload.platform,
      eventId: payload.eventId,
      channelId: payload.channelId ?? null,
      threadId: payload.threadId ?? null,
      userId: payload.userId ?? null,
      text: payload.text,
      createdAt: new Date(payload.receivedAt),
    });
    target.questionId = question.id;
    // The job's one telemetry seam (dependencies.answer.telemetry): the question, then what answerQuestion reports.
    const telemetry = dependencies.answer.telemetry ?? noTelemetry;
    const traced = { workspaceId: payload.workspaceId, questionId: question.id, platform: payload.platform };
    telemetry.questionAsked({
      ...traced,
      userHash: payload.userId ? userHash(payload.workspaceId, payload.platform, payload.userId) : null,
      question: payload.text,
      questionLength: payload.text.length,
    });
    const log = logger.child({ questionId: question.id, jobId: context.jobId, attempt: context.attempt });
    const owner = `${context.jobId}#${context.attempt}#${randomUUID()}`;
    const claim = await claimReply(database.db, {
      questionId: question.id,
      platform: payload.platform,
      owner,
    });
    if (claim.kind === "finished" || (await getAnswer(database.db, question.id))) {
      log.info("question already answered; skipping redelivery");
      return;
    }
    /** The reply's message as last recorded: what an error line or the next attempt replaces. */
    let handle: ReplyHandle | undefined = parseReplyHandle(claim.previous, log);
    if (handle) log.info("taking over the reply an earlier attempt started");
    const { billingAlerts: alerts } = dependencies;
    const refusal = await answerRefusal(dependencies.billing, payload.workspaceId, { alerts, logger: log });
    const latencyMs = () => Date.now() - Date.parse(payload.receivedAt);
    if (refusal !== undefined) {
      await platform.error(target, refusal, handle);
      await failReply(database.db, { questionId: question.id, owner });
      telemetry.answerPosted({
        ...traced,
        mode: "refused",
        latencyMs: latencyMs(),
        answerLength: 0,
        sourceCount: 0,
        answer: "",
      });
      await flushWithin(telemetry, telemetryFlushMs);
      return; // recorded, not answered: an admin fixes billing with /sabio billing
    }
    try {
      const [history, viewer] = await Promise.all([
        threadHistory(platform, target, log),
        resolveViewer(platform, target, dependencies.answer.settings.access, log, dependencies.viewers),
      ]);
      const stream = await platform.stream(target, {
        takeOver: handle,
        record: async (next) => {
          if (!(await recordReplyHandle(database.db, { questionId: question.id, owner, handle: next }))) {
            throw superseded(question.id);
          }
          handle = next;
        },
      });
      const answer = await answerQuestion(dependencies.answer, {
        workspaceId: payload.workspaceId,
        question: payload.text,
        // append and reset never reject by contract; the catch keeps a platform that breaks it from
        // crashing the process with an unhandled rejection.
        onToken: (text) => void stream.append(text).catch((error) => logDraftError(log, error)),
        onReset: () => void stream.reset().catch((error) => logDraftError(log, error)),
        signal: context.signal,
        history,
        traced,
        ...(viewer ? { viewer } : {}),
      });
      context.signal.throwIfAborted();
      const posted = await stream.finish(answer);
      const messageIds = posted.ids ?? [posted.id];
      await finishReply(database.db, {
        owner,
        messageIds,
        answer: await answerRow(database.db, {
          questionId: question.id,
          workspaceId: payload.workspaceId,
          answer,
          messageIds,
        }),
      });
      telemetry.answerPosted({
        ...traced,
        mode: answer.mode,
        latencyMs: latencyMs(),
        answerLength: answer.text.length,
        sourceCount: answer.sources.length,
        answer: answer.text,
      });
      await flushWithin(telemetry, telemetryFlushMs);
    } catch (error) {
      if (context.signal.aborted) {
        // Stopped from outside: leave the message as it is; the next attempt takes it over.
        throw cancelled(error);
      }
      const lastTry = !(isAppError(error) ? error.retryable : true) || context.attempt >= context.attempts;
      const failed = () => {
        const errorCode = isAppError(error) ? error.code : ErrorCode.Internal;
        telemetry.answerFailed({ ...traced, errorCode, latencyMs: latencyMs() });
        return flushWithin(telemetry, telemetryFlushMs);
      };
      if (isAppError(error) && error.code === ErrorCode.InvalidInput) {
        await platform.error(target, error.message, handle);
        await failReply(database.db, { questionId: question.id, owner });
        await failed();
        return; // the asker has been told what to change; retrying can't help
      }
      if (lastTry) {
        await platform.error(target, failureText, handle).catch((failure: unknown) => {
          log.warn({ err: errorMessage(failure) }, "could not tell the asker the answer failed");
        });
        await failReply(database.db, { questionId: question.id, owner }).catch(() => {});
        await failed();
      }
      throw error;
    }
  };
}

/** A job waits this long at most for traces and events to leave (a backend that hangs must not hold the worker). */
const telemetryFlushMs = 2_000;

function superseded(questionId: string): AppError {
  return new AppError(ErrorCode.Internal, `Another attempt took over the reply to question ${questionId}`);
}

function cancelled(error: unknown): AppError {
  if (isAppError(error) && error.code === ErrorCode.Cancelled) return error;
  return new AppError(ErrorCode.Cancelled, "The answer was cancelled before it was finished.", {
    retryable: true,
    cause: error,
  });
}

function logDraftError(logger: Logger, error: unknown): void {
  logger.warn({ err: errorMessage(error) }, "a draft update failed; the final answer still replaces it");
}

/** Earlier turns kept with a follow-up: enough for "and for contractors?", small for the prompt. */
const maxHistoryTurns = 6;

/** The thread so far, or nothing: a history that can't be read must not stop the answer. */
async function threadHistory(
  platform: Platform,
  target: ReplyTarget,
  logger: Logger,
): Promise<ConversationTurn[]> {
  if (!platform.history || !target.threadId || target.threadId === target.messageId) return [];
  try {
    return await platform.history(target, maxHistoryTurns);
  } catch (error) {
    logger.warn({ err: errorMessage(error) }, "could not read the thread; answering without it");
    return [];
  }
}
