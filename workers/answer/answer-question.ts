import type { AnswerBank, ApprovedAnswer } from "#shared/answers/bank/answer-bank.ts";
import { AppError, ErrorCode } from "#shared/errors/app-error.ts";
import type { Embedder } from "#shared/knowledge/embed/embedder.ts";
import { embedSearchQuery, searchKnowledge } from "#shared/knowledge/search-knowledge.ts";
import type { AccessViewer } from "#shared/knowledge/store/access-keys.ts";
import type { ScoredChunk, VectorStore } from "#shared/knowledge/store/vector-store.ts";
import type { Logger } from "#shared/log/logger.ts";
import type { ChatModel } from "#shared/model/chat-model.ts";
import { generateWithFallback } from "#shared/model/generate-with-fallback.ts";
import type { PromotedModelLookup } from "#shared/models/promoted-model-lookup.ts";
import type { CitedSource, ConversationTurn, Reply } from "#shared/platform/platform.ts";
import { noTelemetry, type QuestionRef, type Telemetry } from "#shared/telemetry/telemetry.ts";
import { buildPrompt, promptVersion, systemPrompt } from "./build-prompt.ts";
import { checkQuestion } from "./check-question.ts";
import { citedSources } from "./cited-sources.ts";
import { extractiveAnswer } from "./extractive-answer.ts";
import { modelHint } from "./model-hint.ts";
import { type NotCoveredReason, notCoveredReplyText, relatedPages, relevanceGate } from "./relevance-gate.ts";

export { notCoveredText } from "./relevance-gate.ts";

export interface AnswerSettings {
  chatModel: string;
  fallbackChatModel: string;
  timeoutMs: number;
  topK: number;
  /** The relevance gate's threshold; relevance-gate.ts's calibrated one when left out (0 = no gate). */
  relevanceThreshold?: number;
  /** DRIVE_ACCESS: `workspace` ignores the asker (everyone sees everything); enforce when left out. */
  access?: "enforce" | "workspace";
}

export interface AnswerDependencies {
  store: VectorStore;
  embedder: Embedder | null;
  /** Null = no model server configured: answers are extractive. */
  chatModel: ChatModel | null;
  logger: Logger;
  settings: AnswerSettings;
  /** The workspace's promoted (fine-tuned) model, asked before CHAT_MODEL; none = CHAT_MODEL first. */
  promotedModel?: PromotedModelLookup;
  /** Approved answers reused for questions of the same meaning, before retrieval; none = always answer afresh. */
  answerBank?: Pick<AnswerBank, "findApprovedAnswer">;
  /** Told of the search and each model attempt of a traced question (see AnswerRequest.traced). */
  telemetry?: Telemetry;
  now?: () => number;
}

/** One model asked while answering, as the served record keeps it. */
export interface ModelAttempt {
  model: string;
  /** "ok", or the error code of the failure. */
  outcome: string;
  durationMs: number;
  promptTokens?: number;
  completionTokens?: number;
}

/** What the answer was built from: the served record, but for content hashes and message ids. */
export interface AnswerEvidence {
  promptVersion: string;
  system: string;
  question: string;
  searchQuery: string;
  history: ConversationTurn[];
  dense: boolean;
  /** The passages in prompt order: passage i is source [i + 1]. */
  passages: ScoredChunk[];
  attempts: ModelAttempt[];
  gate: GateEvidence;
  /** Set when the answer bank served it (kept in the served record as `approved`). */
  approved?: { questionId: string; approvedBy: string; approvedByPlatform?: string; similarity: number };
}

/** What the relevance gate saw and decided (kept in the served record as `gate`). */
export interface GateEvidence {
  /** Best passage relevance, 0–1 (shared/knowledge/relevance.ts). */
  relevance: number;
  threshold: number;
  /** Whether an answer was given; false = the reply says the documents don't cover it. */
  covered: boolean;
  reason?: NotCoveredReason;
  related?: CitedSource[];
  /** A generated answer that cited nothing, kept here rather than shown. */
  modelText?: string;
}

export interface Answer extends Reply {
  timings: { retrievalMs: number; generationMs: number; totalMs: number };
  usage: { promptTokens: number; completionTokens: number };
  evidence: AnswerEvidence;
}

export interface AnswerRequest {
  workspaceId: string;
  question: string;
  /** Streamed text as the model writes it. */
  onToken?: (text: string) => void;
  /** The streamed text so far is void (a model attempt failed; another starts). */
  onReset?: () => void;
  signal?: AbortSignal;
  /** Earlier turns of the thread for a follow-up question (bounded by the caller). */
  history?: ConversationTurn[];
  /**
   * Who is asking: passages, sources, the extractive answer and "maybe related" all come from what
   * they may see. Left out = the operator, who sees everything.
   */
  viewer?: AccessViewer;
  /** The recorded question this answers, for telemetry; left out (sabio ask) = nothing reported. */
  traced?: QuestionRef;
}

/** A follow-up is searched together with the asker's previous message, cut to this length. */
const maxContextQueryCharacters = 500;

const uncitedNote = "The model's answer cited none of the team's documents, so it is not shown.";

/**
 * The answering pipeline shared by the CLI and the answer worker: retrieve, gate on relevance,
 * prompt, generate with fallback, keep cited sources. Weak evidence gets "not covered" with the
 * closest pages and no model call; a generated answer citing nothing is shown as not covered too.
 * Never throws for model trouble: it answers extractively instead.
 */
export async function answerQuestion(
  dependencies: AnswerDependencies,
  request: AnswerRequest,
): Promise<Answer> {
  const now = dependencies.now ?? Date.now;
  const { settings, logger } = dependencies;
  const question = checkQuestion(request.question);
  const started = now();
  const history = request.history ?? [];
  const previousQuestion = history.filter((turn) => turn.role === "user").at(-1)?.text ?? "";
  const searchQuery = previousQuestion
    ? `${previousQuestion.slice(0, maxContextQueryCharacters)}\n${question}`
    : question;
  const viewer = settings.access === "workspace" ? undefined : request.viewer;
  // An approved answer to a question of the same meaning, its sources unchanged and visible to the
  // asker: served as approved, no retrieval, no model.
  // One embedding per text for this answer: the bank's look-up and the search share the question's.
  const vectors = new Map<string, Promise<number[] | null>>();
  const vectorOf = (text: string) => {
    const known = vectors.get(text) ?? embedSearchQuery(dependencies, text);
    vectors.set(text, known);
    return known;
  };
  const approved = await dependencies.answerBank?.findApprovedAnswer({
    workspaceId: request.workspaceId,
    question,
    viewer,
    vectorOf,
  });
  throwIfCancelled(request.signal);
  if (approved) return approvedAnswer(approved, { question, history, started, now });
  // Everything below (prompt, sources, extractive answer, related pages) is built from `results`
  // alone, so filtering the search is what keeps an unseen passage out of every part of the reply.
  const searchStarted = now();
  const { results, dense } = await searchKnowledge(dependencies, request.workspaceId, searchQuery, {
    limit: settings.topK,
    viewer,
    vector: await vectorOf(searchQuery),
  });
  throwIfCancelled(request.signal);
  const retrievalMs = now() - started;
  const telemetry = request.traced ? (dependencies.telemetry ?? noTelemetry) : noTelemetry;
  const traced = request.traced ?? { workspaceId: request.workspaceId, questionId: "", platform: "" };
  telemetry.retrieval({
    ...traced,
    query: searchQuery,
    results: results.map((result) => ({
      chunkId: result.id,
      documentId: result.documentId,
      score: result.score,
    })),
    dense,
    durationMs: now() - searchStarted,
  });
  const attempts: ModelAttempt[] = [];
  const gate = relevanceGate(question, searchQuery, results, settings.relevanceThreshold);
  const evidence: AnswerEvidence = {
    promptVersion,
    system: systemPrompt,
    question,
    searchQuery,
    history,
    dense,
    passages: results,
    attempts,
    gate: { relevance: gate.relevance, threshold: gate.threshold, covered: gate.covered },
  };
  const base = { generationMs: 0, usage: { promptTokens: 0, completionTokens: 0 } };

  if (!gate.covered) {
    return notCovered(
      results.length === 0 ? "no_results" : "weak_evidence",
      { mode: "extractive", model: null },
      base,
    );
  }

  if (dependencies.chatModel) {
    const generationStarted = now();
    // Read per question: a promotion or rollback applies to the next one; CHAT_MODEL stays its fallback.
    const promoted = (await dependencies.promotedModel?.(request.workspaceId)) ?? "";
    try {
      const result = await generateWithFallback(dependencies.chatModel, {
        models: [promoted, settings.chatModel, settings.fallbackChatModel],
        messages: buildPrompt(question, results, history, evidence.system),
        timeoutMs: settings.timeoutMs,
        onAttempt: (attempt) => {
          const recorded: ModelAttempt = {
            model: attempt.model,
            outcome: attempt.error ?? "ok",
            durationMs: attempt.durationMs,
            ...(attempt.promptTokens === undefined ? {} : { promptTokens: attempt.promptTokens }),
            ...(attempt.completionTokens === undefined ? {} : { completionTokens: attempt.completionTokens }),
          };
          telemetry.modelAttempt({
            ...traced,
            ...recorded,
            fallback: attempts.length > 0,
            startedAt: new Date(attempt.startedAt),
            ...(attempt.timeToFirstTokenMs === undefined
              ? {}
              : { timeToFirstTokenMs: attempt.timeToFirstTokenMs }),
          });
          attempts.push(recorded);
        },
        ...(request.onToken ? { onToken: request.onToken } : {}),
        ...(request.onReset ? { onReset: request.onReset } : {}),
        ...(request.signal ? { signal: request.signal } : {}),
      });
      const text = result.text.trim();
      if (text.length > 0) {
        const generation = {
          generationMs: now() - generationStarted,
          usage: { promptTokens: result.promptTokens, completionTokens: result.completionTokens },
        };
        const sources = citedSources(text, results);
        if (sources.length === 0) {
          // Uncited text can't be checked against the documents: kept in the record, not shown as an answer.
          evidence.gate.modelText = text;
          return notCovered(
            "uncited_answer",
            { mode: "generated", model: result.model, note: uncitedNote },
            generation,
          );
        }
        return finish({ text, mode: "generated", model: result.model, sources }, retrievalMs, generation);
      }
      logger.warn({ model: result.model }, "model returned an empty answer; answering extractively");
      request.onReset?.();
      return extractive(question, results, retrievalMs, "The model returned an empty answer.");
    } catch (error) {
      // Cancelled (shutdown, cancelJob): stop here and let the job run again, never a degraded answer.
      throwIfCancelled(request.signal, error);
      logger.warn({ err: error instanceof Error ? error.message : String(error) }, "generation failed");
      request.onReset?.();
      const hint = modelHint(error, {
        host: dependencies.chatModel.host,
        model: settings.chatModel,
        timeoutMs: settings.timeoutMs,
        provider: dependencies.chatModel.provider,
      });
      return extractive(question, results, retrievalMs, hint);
    }
  }
  return extractive(
    question,
    results,
    retrievalMs,
    "No model server configured: set OLLAMA_HOST for generated answers.",
  );

  function notCovered(
    reason: NotCoveredReason,
    made: Pick<Reply, "mode" | "model" | "note">,
    generation: { generationMs: number; usage: Answer["usage"] },
  ): Answer {
    const related = relatedPages(results);
    evidence.gate = { ...evidence.gate, covered: false, reason, related };
    const reply: Reply = {
      text: notCoveredReplyText(related),
      mode: made.mode,
      model: made.model,
      sources: [],
      notCovered: { related },
      ...(made.note ? { note: made.note } : {}),
    };
    return finish(reply, retrievalMs, generation);
  }

  function extractive(questionText: string, found: typeof results, retrieval: number, note: string): Answer {
    const { text, sources } = extractiveAnswer(questionText, found);
    return finish({ text, mode: "extractive", model: null, sources, note }, retrieval, base);
  }

  function finish(
    reply: Reply,
    retrieval: number,
    generation: { generationMs: number; usage: Answer["usage"] },
  ): Answer {
    return {
      ...reply,
      timings: { retrievalMs: retrieval, generationMs: generation.generationMs, totalMs: now() - started },
      usage: generation.usage,
      evidence,
    };
  }
}

/**
 * An answer from the answer bank: the approved (or corrected) text and its sources, labelled with
 * its approver. Its evidence holds no passages: nothing was retrieved or prompted; the approval it
 * reuses is named in `approved` and stands on its own pins.
 */
function approvedAnswer(
  approved: ApprovedAnswer,
  context: { question: string; history: ConversationTurn[]; started: number; now: () => number },
): Answer {
  const elapsed = context.now() - context.started;
  return {
    text: approved.text,
    mode: "approved",
    model: null,
    sources: approved.sources,
    approvedBy: approved.approvedBy,
    timings: { retrievalMs: elapsed, generationMs: 0, totalMs: elapsed },
    usage: { promptTokens: 0, completionTokens: 0 },
    evidence: {
      promptVersion,
      system: systemPrompt,
      question: context.question,
      searchQuery: context.question,
      history: context.history,
      dense: approved.path === "dense",
      passages: [],
      attempts: [],
      // The bank's match stands in for the relevance gate: how close, against which threshold.
      gate: { relevance: approved.similarity, threshold: approved.threshold, covered: true },
      approved: {
        questionId: approved.questionId,
        approvedBy: approved.approvedBy.userId,
        approvedByPlatform: approved.approvedBy.platform,
        similarity: approved.similarity,
      },
    },
  };
}

/** An aborted answer throws a retryable "cancelled" error, whatever the model call threw. */
function throwIfCancelled(signal: AbortSignal | undefined, cause?: unknown): void {
  if (!signal?.aborted) return;
  throw new AppError(ErrorCode.Cancelled, "The answer was cancelled before it was finished.", {
    retryable: true,
    cause: cause ?? signal.reason,
  });
}
