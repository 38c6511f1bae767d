import { APIConnectionError, APIError } from "openai";
import { AppError, ErrorCode, isAppError, isRetryableStatus } from "../errors/app-error.ts";
import { isConnectionError, isTimeoutReason } from "./transport-failure.ts";

export interface OpenAiErrorContext {
  /** The API base (…/v1), for the "is it running?" hint. */
  baseUrl: string;
  /** The model the call asked for. */
  model?: string;
  /** Which variable names that model, for the hint (CHAT_MODEL, EMBED_MODEL). */
  modelVariable?: string;
  /** The caller's signal: when it fired, its reason explains the failure better than the error. */
  signal?: AbortSignal | undefined;
}

/**
 * Turns what the `openai` client threw into an AppError with a code, whether a retry helps, and a
 * hint. As with Ollama, a fired signal wins: a timeout becomes `timeout`, any other abort is
 * rethrown as its own reason. The server's own text is left out of 401/403 messages: some servers
 * echo part of the key there.
 */
export function mapOpenAiError(error: unknown, context: OpenAiErrorContext): unknown {
  const { baseUrl, signal } = context;
  if (signal?.aborted) {
    const reason: unknown = signal.reason;
    if (!isTimeoutReason(reason)) return reason;
    return new AppError(ErrorCode.Timeout, `The model server at ${baseUrl} did not answer in time`, {
      retryable: true,
      cause: reason,
      hint: "the model may be loading or the machine busy; try a smaller model or a longer timeout",
    });
  }
  if (isAppError(error)) return error;
  if (error instanceof APIError && typeof error.status === "number") return fromStatus(error, context);
  if (error instanceof APIConnectionError || isConnectionError(error)) {
    return new AppError(ErrorCode.Unavailable, `Cannot reach the model server at ${baseUrl}`, {
      retryable: true,
      cause: error,
      hint: `is the OpenAI-compatible server running at ${baseUrl}? Start it or set OPENAI_BASE_URL`,
    });
  }
  // A cut-off stream, an error event inside it, a malformed chunk: a server-side hiccup.
  const about = context.model === undefined ? "" : ` (model "${context.model}")`;
  return new AppError(
    ErrorCode.UpstreamError,
    `The model server at ${baseUrl} failed${about}: ${messageOf(error)}`,
    { retryable: true, cause: error },
  );
}

function fromStatus(error: APIError, context: OpenAiErrorContext): AppError {
  const { baseUrl, model, modelVariable = "CHAT_MODEL" } = context;
  const status = error.status ?? 0;
  const detail = serverMessage(error);
  if (status === 401 || status === 403) {
    return new AppError(
      ErrorCode.InvalidConfig,
      `The model server at ${baseUrl} refused the API key (${status})`,
      {
        retryable: false,
        cause: error,
        hint:
          status === 401
            ? "set OPENAI_API_KEY to a key the server accepts"
            : `the key in OPENAI_API_KEY may not use ${model === undefined ? "this model" : `"${model}"`}`,
      },
    );
  }
  // OpenAI and vLLM answer 404 for an unknown model, LiteLLM 400 "Invalid model name"; a 404 that
  // names no model is a wrong base URL (often a missing /v1).
  const aboutModel = error.code === "model_not_found" || /model/i.test(detail);
  if ((status === 404 || status === 400) && aboutModel && model !== undefined) {
    return new AppError(
      ErrorCode.ModelNotFound,
      `The model server at ${baseUrl} does not serve the model "${model}": ${detail}`,
      {
        retryable: false,
        cause: error,
        hint: `load "${model}" on the server, or set ${modelVariable} to a model it lists (\`sabio doctor\` shows them)`,
      },
    );
  }
  if (status === 404) {
    return new AppError(ErrorCode.InvalidConfig, `Nothing answers at ${baseUrl} (404): ${detail}`, {
      retryable: false,
      cause: error,
      hint: "check OPENAI_BASE_URL: it usually ends in /v1, e.g. http://127.0.0.1:8080/v1",
    });
  }
  if (status === 429) {
    return new AppError(ErrorCode.RateLimited, `The model server at ${baseUrl} is rate limiting: ${detail}`, {
      retryable: true,
      cause: error,
    });
  }
  if (status === 503) {
    return new AppError(
      ErrorCode.Unavailable,
      `The model server at ${baseUrl} is busy or unavailable: ${detail}`,
      {
        retryable: true,
        cause: error,
        hint: `is the model loaded on the server at ${baseUrl}? If it is busy, lower ANSWER_CONCURRENCY`,
      },
    );
  }
  return new AppError(
    ErrorCode.UpstreamError,
    `The model server at ${baseUrl} answered ${status}: ${detail}`,
    {
      retryable: isRetryableStatus(status),
      cause: error,
    },
  );
}

/** `{"error":{"message":…}}` when the server sent one, otherwise the client's own text. */
function serverMessage(error: APIError): string {
  const body: unknown = error.error;
  if (typeof body === "object" && body !== null && "message" in body && typeof body.message === "string") {
    return body.message;
  }
  return error.message;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
