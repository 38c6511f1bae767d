import type { ApprovalEvents } from "#shared/approvals/approval-events.ts";
import type { Db } from "#shared/db/database.ts";
import { errorMessage } from "#shared/errors/app-error.ts";
import type { Embedder } from "#shared/knowledge/embed/embedder.ts";
import type { AccessViewer } from "#shared/knowledge/store/access-keys.ts";
import type { Logger } from "#shared/log/logger.ts";
import type { CitedSource, PlatformUser } from "#shared/platform/platform.ts";
import { whyNotServed } from "./approved-answer-check.ts";
import { createWorkspaceBankIndex, type WorkspaceBankIndex } from "./bank-index.ts";
import { approvedAnswers, approvedQuestion, unindexedApprovals, writeBankRow } from "./bank-rows.ts";
import { type BankThresholds, defaultBankThresholds } from "./bank-thresholds.ts";

export interface AnswerBankDependencies {
  db: Db;
  /** Null = no embedder configured: the bank matches lexically only. */
  embedder: Embedder | null;
  logger: Logger;
  thresholds?: BankThresholds;
  now?: () => number;
}

export interface FindApprovedAnswerRequest {
  workspaceId: string;
  question: string;
  /** Who is asking; left out = the operator, who sees everything. */
  viewer?: AccessViewer | undefined;
  /**
   * The question's query vector from the answer's own (memoized) embedding, so a look-up followed
   * by a search embeds the question once; left out = the bank embeds it itself.
   */
  vectorOf?: (text: string) => Promise<number[] | null>;
}

/** An approved answer to serve for a new question of the same meaning. */
export interface ApprovedAnswer {
  /** The approved question it matched. */
  questionId: string;
  question: string;
  /** The corrected text, or the answer as it was approved. */
  text: string;
  sources: CitedSource[];
  approvedBy: PlatformUser;
  corrected: boolean;
  similarity: number;
  /** Which comparison matched: the questions' vectors, or their words. */
  path: "dense" | "lexical";
  threshold: number;
}

/**
 * The answer bank: approved answers indexed by their question, per workspace (ApprovalEvents'
 * `approved` indexes one), and the look-up the answer pipeline asks before retrieval.
 */
export interface AnswerBank extends ApprovalEvents {
  /** The best servable match, or null. Never throws: a bank failure means a fresh answer. */
  findApprovedAnswer(request: FindApprovedAnswerRequest): Promise<ApprovedAnswer | null>;
  /**
   * Indexes approvals the bank missed, and fills in vectors for those indexed while the embedder
   * was down (or by another model). Returns how many it indexed. Runs by itself at look-ups.
   */
  catchUp(workspaceId: string): Promise<number>;
}

/** A hung model server must not hang a look-up: past this the bank matches lexically. */
const embedTimeoutMs = 10_000;
/** How often a look-up starts a background catch-up of its workspace. */
const catchUpEveryMs = 60_000;
const catchUpBatch = 64;
/** Matches checked for staleness and access before giving up (the best one usually serves). */
const maxChecked = 5;

export function createAnswerBank(dependencies: AnswerBankDependencies): AnswerBank {
  const { db, embedder, logger } = dependencies;
  const thresholds = dependencies.thresholds ?? defaultBankThresholds;
  const now = dependencies.now ?? Date.now;
  const indexes = new Map<string, WorkspaceBankIndex>();
  const catchUps = new Map<string, { at: number; running?: Promise<number> }>();
  const embedModel = embedder?.model ?? null;

  const indexOf = (workspaceId: string) => {
    let index = indexes.get(workspaceId);
    if (!index) {
      index = createWorkspaceBankIndex(workspaceId, thresholds, now);
      indexes.set(workspaceId, index);
    }
    return index;
  };

  /** The question's vector, or null (no embedder, or it failed: the look-up goes on lexically). */
  const embed = async (text: string): Promise<number[] | null> => {
    if (!embedder) return null;
    try {
      return await embedder.embedQuery(text, AbortSignal.timeout(embedTimeoutMs));
    } catch (error) {
      logger.warn({ err: errorMessage(error) }, "answer bank: embedding failed; matching by words");
      return null;
    }
  };

  const index = async (workspaceId: string, questionId: string, question: string) => {
    const vector = await embed(question);
    await writeBankRow(db, { questionId, workspaceId, embedding: vector, embedModel });
    return vector !== null;
  };

  const catchUp = async (workspaceId: string): Promise<number> => {
    let indexed = 0;
    // Bounded: a model change re-embeds everything, a batch per round, the rest at the next catch-up.
    for (let round = 0; round < 100; round += 1) {
      const missing = await unindexedApprovals(db, workspaceId, embedModel, catchUpBatch);
      for (const approval of missing) {
        const embedded = await index(workspaceId, approval.questionId, approval.question);
        indexed += 1;
        // The embedder went down: what is indexed now is matched by words; vectors come next time.
        if (embedder && !embedded) return indexed;
      }
      if (missing.length < catchUpBatch) break;
    }
    if (indexed > 0) logger.info({ workspaceId, indexed }, "answer bank: indexed approvals it had missed");
    return indexed;
  };

  const catchUpIfDue = (workspaceId: string) => {
    const state = catchUps.get(workspaceId);
    if (state && (state.running || now() - state.at < catchUpEveryMs)) return;
    const running = catchUp(workspaceId)
      .catch((error: unknown) => {
        logger.warn({ err: errorMessage(error), workspaceId }, "answer bank catch-up failed");
        return 0;
      })
      .finally(() => catchUps.set(workspaceId, { at: now() }));
    catchUps.set(workspaceId, { at: now(), running });
  };

  return {
    async approved(workspaceId, questionId) {
      const approval = await approvedQuestion(db, workspaceId, questionId);
      if (!approval) return;
      await index(workspaceId, questionId, approval.question);
    },

    catchUp: async (workspaceId) => {
      const running = catchUps.get(workspaceId)?.running;
      if (running) await running;
      const indexed = await catchUp(workspaceId);
      catchUps.set(workspaceId, { at: now() });
      return indexed;
    },

    async findApprovedAnswer(request) {
      try {
        catchUpIfDue(request.workspaceId);
        const bank = indexOf(request.workspaceId);
        await bank.refresh(db);
        if (bank.servable === 0) return null;
        const vector = await (request.vectorOf ?? embed)(request.question);
        const candidates = bank
          .candidates({ text: request.question, vector }, embedModel)
          .slice(0, maxChecked);
        if (candidates.length === 0) return null;
        const rows = new Map(
          (
            await approvedAnswers(
              db,
              request.workspaceId,
              candidates.map((candidate) => candidate.questionId),
            )
          ).map((row) => [row.questionId, row]),
        );
        for (const candidate of candidates) {
          const row = rows.get(candidate.questionId);
          if (!row) continue;
          const reason = await whyNotServed(db, row, request.viewer);
          if (reason) {
            logger.info({ questionId: row.questionId, reason }, "answer bank: a match was not served");
            continue;
          }
          return {
            questionId: row.questionId,
            question: row.question,
            text: row.correctedText ?? row.text,
            sources: row.sources,
            approvedBy: { platform: row.approvedByPlatform, userId: row.approvedBy },
            corrected: row.correctedText !== null,
            similarity: candidate.similarity,
            path: candidate.path,
            threshold: thresholds[candidate.path],
          };
        }
        return null;
      } catch (error) {
        logger.warn({ err: errorMessage(error) }, "answer bank look-up failed; answering afresh");
        return null;
      }
    },
  };
}
