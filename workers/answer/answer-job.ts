import { randomUUID } from "node:crypto";
import type { Database } from "#shared/db/open-database.ts";
import { getAnswer, recordAnswer, recordQuestion } from "#shared/db/question-repository.ts";
import { AppError, ErrorCode, isAppError } from "#shared/errors/app-error.ts";
import type { Logger } from "#shared/log/logger.ts";
import type { ConversationTurn, Platform, ReplyTarget } from "#shared/platform/platform.ts";
import type { JobPayload } from "#shared/queue/job-catalog.ts";
import type { JobContext } from "#shared/queue/run-worker.ts";
import { type AnswerDependencies, answerQuestion } from "./answer-question.ts";

export interface AnswerJobDependencies {
  database: Database;
  answer: AnswerDependencies;
  /** Platforms by name ("slack", "discord", "cli"), wired in by the process entry point. */
  platforms: Record<string, Platform>;
  logger: Logger;
}

export const failureText = "Sorry, I couldn't answer this time. Please try again in a moment.";

/**
 * Processes one question from the `questions` queue: record it, answer it, stream the reply to its
 * platform, record the answer. Idempotent: a redelivered question that already has an answer is
 * skipped, so the asker never gets two.
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
    };
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
    if (await getAnswer(database.db, question.id)) {
      logger.info({ questionId: question.id }, "question already answered; skipping redelivery");
      return;
    }
    try {
      const history = await threadHistory(platform, target, logger);
      const stream = await platform.stream(target);
      const answer = await answerQuestion(dependencies.answer, {
        workspaceId: payload.workspaceId,
        question: payload.text,
        onToken: (text) => void stream.append(text),
        onReset: () => void stream.reset(),
        signal: context.signal,
        history,
      });
      await stream.finish(answer);
      await recordAnswer(database.db, {
        id: randomUUID(),
        questionId: question.id,
        mode: answer.mode,
        model: answer.model,
        text: answer.text,
        sources: answer.sources,
        promptTokens: answer.usage.promptTokens,
        completionTokens: answer.usage.completionTokens,
        retrievalMs: answer.timings.retrievalMs,
        generationMs: answer.timings.generationMs,
        totalMs: answer.timings.totalMs,
      });
    } catch (error) {
      const lastTry = !(isAppError(error) ? error.retryable : true) || context.attempt >= context.attempts;
      if (isAppError(error) && error.code === ErrorCode.InvalidInput) {
        await platform.error(target, error.message);
        return; // the asker has been told what to change; retrying can't help
      }
      if (lastTry) await platform.error(target, failureText).catch(() => {});
      throw error;
    }
  };
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
    logger.warn(
      { err: error instanceof Error ? error.message : String(error) },
      "could not read the thread; answering without it",
    );
    return [];
  }
}
