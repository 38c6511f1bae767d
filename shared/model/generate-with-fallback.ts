import { AppError, ErrorCode, isAppError } from "../errors/app-error.ts";
import type { ChatMessage, ChatModel, ChatResult } from "./chat-model.ts";

export interface GenerateWithFallbackRequest {
  /** Primary first, then the fallback; empty names and repeats are dropped. */
  models: readonly string[];
  messages: ChatMessage[];
  /** Budget for each attempt, not for the whole call. */
  timeoutMs: number;
  onToken?: (text: string) => void;
  /** Called when an attempt that already streamed text failed: a UI should clear that partial text. */
  onReset?: () => void;
  /** The caller giving up: stops everything, no fallback, rethrows the signal's reason. */
  signal?: AbortSignal;
  temperature?: number;
  /** Clock for attempt durations. */
  now?: () => number;
  /** Told of each attempt as it ends, failed ones included (the served record and telemetry keep them). */
  onAttempt?: (attempt: AttemptReport) => void;
  /** Makes the per-attempt timeout signal; tests pass one they fire themselves. */
  timeoutSignal?: (milliseconds: number) => AbortSignal;
}

export interface FallbackAttempt {
  model: string;
  /** Set when the attempt failed. */
  error?: ErrorCode;
  durationMs: number;
}

/** What `onAttempt` is told: the attempt, when it started, its first token and usage when known. */
export type AttemptReport = FallbackAttempt & {
  /** Clock reading (`now`) when the attempt started. */
  startedAt: number;
  /** From the attempt's start to its first streamed token; absent when nothing streamed. */
  timeToFirstTokenMs?: number;
  promptTokens?: number;
  completionTokens?: number;
};

export type GenerateWithFallbackResult = ChatResult & { attempts: FallbackAttempt[] };

/**
 * Asks the primary model, and the fallback when the primary fails or runs out of time. Throws the
 * last attempt's AppError when every model failed, so the caller can still give an extractive answer.
 */
export async function generateWithFallback(
  chatModel: ChatModel,
  request: GenerateWithFallbackRequest,
): Promise<GenerateWithFallbackResult> {
  const { signal, now = Date.now, timeoutSignal = (ms: number) => AbortSignal.timeout(ms) } = request;
  const models = [...new Set(request.models.filter((model) => model.trim() !== ""))];
  if (models.length === 0) {
    throw new AppError(ErrorCode.InvalidConfig, "No chat model configured", { hint: "set CHAT_MODEL" });
  }

  const attempts: FallbackAttempt[] = [];
  let lastError: AppError | undefined;
  for (const model of models) {
    signal?.throwIfAborted();
    const started = now();
    let streamed = false;
    let firstTokenMs: number | undefined;
    // Time to first token on the monotonic clock: reading `now` per token would shift the attempt durations it times.
    const startedMonotonic = performance.now();
    const attemptSignal = signal
      ? AbortSignal.any([signal, timeoutSignal(request.timeoutMs)])
      : timeoutSignal(request.timeoutMs);
    try {
      const result = await chatModel.chat({
        model,
        messages: request.messages,
        signal: attemptSignal,
        onToken: (text) => {
          if (!streamed) firstTokenMs = Math.round(performance.now() - startedMonotonic);
          streamed = true;
          request.onToken?.(text);
        },
        ...(request.temperature === undefined ? {} : { temperature: request.temperature }),
      });
      const attempt = { model, durationMs: now() - started };
      attempts.push(attempt);
      request.onAttempt?.({
        ...attempt,
        startedAt: started,
        ...(firstTokenMs === undefined ? {} : { timeToFirstTokenMs: firstTokenMs }),
        promptTokens: result.promptTokens,
        completionTokens: result.completionTokens,
      });
      return { ...result, attempts };
    } catch (error) {
      // The caller cancelled: not a model failure, nothing to fall back to.
      if (signal?.aborted) throw signal.reason;
      lastError = toAppError(error, attemptSignal);
      const attempt = { model, error: lastError.code, durationMs: now() - started };
      attempts.push(attempt);
      request.onAttempt?.({
        ...attempt,
        startedAt: started,
        ...(firstTokenMs === undefined ? {} : { timeToFirstTokenMs: firstTokenMs }),
      });
      if (streamed) request.onReset?.();
    }
  }
  throw lastError;
}

function toAppError(error: unknown, attemptSignal: AbortSignal): AppError {
  if (isAppError(error)) return error;
  // Only the timeout can have aborted the attempt here (the caller's abort returned earlier).
  if (attemptSignal.aborted) {
    return new AppError(ErrorCode.Timeout, "The model did not answer in time", {
      retryable: true,
      cause: error,
    });
  }
  return new AppError(
    ErrorCode.Internal,
    `Chat failed: ${error instanceof Error ? error.message : String(error)}`,
    {
      retryable: true,
      cause: error,
    },
  );
}
