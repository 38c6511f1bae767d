import { AppError, ErrorCode, isAppError, isRetryableStatus } from "../errors/app-error.ts";
import { isConnectionError, isTimeoutReason } from "./transport-failure.ts";

export interface OllamaErrorContext {
  /** Where the server was expected, for the "is it running?" hint. */
  host: string;
  /** The model the call asked for, for the `ollama pull` hint. */
  model?: string;
  /** The caller's signal: when it fired, its reason explains the failure better than the error. */
  signal?: AbortSignal | undefined;
}

/**
 * Turns whatever the `ollama` client threw into an AppError with a code and a hint. A signal the
 * caller aborted wins over the error itself: a timeout becomes `timeout`, any other abort is
 * rethrown as its own reason (callers cancelled on purpose and compare against `signal.reason`).
 */
export function mapOllamaError(error: unknown, context: OllamaErrorContext): unknown {
  const { host, model, signal } = context;
  if (signal?.aborted) {
    const reason: unknown = signal.reason;
    if (isTimeoutReason(reason)) {
      return new AppError(ErrorCode.Timeout, `Ollama at ${host} did not answer in time`, {
        retryable: true,
        cause: reason,
        hint: "the model may be loading or the machine busy; try a smaller model or a longer timeout",
      });
    }
    return reason;
  }
  if (isAppError(error)) return error;

  const status = responseStatus(error);
  if (status !== undefined) return fromStatus(status, error, context);

  if (isConnectionError(error)) {
    return new AppError(ErrorCode.Unavailable, `Cannot reach Ollama at ${host}`, {
      retryable: true,
      cause: error,
      hint: `is Ollama running at ${host}? Start it with \`ollama serve\` or set OLLAMA_HOST`,
    });
  }
  // Anything else came out of the stream (an `{"error": …}` line, a cut-off reply): a server-side hiccup.
  const about = model === undefined ? "" : ` (model "${model}")`;
  return new AppError(ErrorCode.UpstreamError, `Ollama at ${host} failed${about}: ${messageOf(error)}`, {
    retryable: true,
    cause: error,
  });
}

function fromStatus(status: number, error: unknown, context: OllamaErrorContext): AppError {
  const { host, model } = context;
  const detail = messageOf(error);
  // Ollama answers 404 `model "x" not found, try pulling it first` for a model it does not have.
  if (status === 404) {
    const name = model ?? "the model";
    return new AppError(
      ErrorCode.ModelNotFound,
      `Ollama at ${host} does not have ${quoted(model)}: ${detail}`,
      {
        retryable: false,
        cause: error,
        hint: `run \`ollama pull ${name}\` on the Ollama machine`,
      },
    );
  }
  if (status === 429) {
    return new AppError(ErrorCode.RateLimited, `Ollama at ${host} is rate limiting: ${detail}`, {
      retryable: true,
      cause: error,
    });
  }
  // 503 is Ollama's "server busy" (OLLAMA_MAX_QUEUE reached) or a proxy with no backend.
  if (status === 503) {
    return new AppError(ErrorCode.Unavailable, `Ollama at ${host} is busy or unavailable: ${detail}`, {
      retryable: true,
      cause: error,
      hint: `is Ollama running at ${host}? If it is busy, raise OLLAMA_MAX_QUEUE or lower concurrency`,
    });
  }
  return new AppError(ErrorCode.UpstreamError, `Ollama at ${host} answered ${status}: ${detail}`, {
    retryable: isRetryableStatus(status),
    cause: error,
  });
}

/** The client's ResponseError is not exported, so it is recognised by shape. */
function responseStatus(error: unknown): number | undefined {
  if (typeof error !== "object" || error === null || !("status_code" in error)) return undefined;
  return typeof error.status_code === "number" ? error.status_code : undefined;
}

function quoted(model: string | undefined): string {
  return model === undefined ? "the model" : `the model "${model}"`;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
