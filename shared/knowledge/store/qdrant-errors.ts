import { AppError, ErrorCode, errorMessage, isRetryableStatus } from "../../errors/app-error.ts";

/** Socket-level failures: nothing answered, so trying again later may help. */
const unreachableCodes = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ETIMEDOUT",
  "EPIPE",
  "UND_ERR_SOCKET",
  "UND_ERR_CONNECT_TIMEOUT",
]);

/** The HTTP status of a failed Qdrant call (the client throws its fetcher's ApiError), if any. */
export function qdrantStatus(error: unknown): number | undefined {
  const status = (error as { status?: unknown } | null)?.status;
  return typeof status === "number" ? status : undefined;
}

export function isQdrantNotFound(error: unknown): boolean {
  return qdrantStatus(error) === 404;
}

/** Turns whatever the Qdrant client threw into the one error shape, retryability included. */
export function qdrantAppError(error: unknown, url: string): AppError {
  if (error instanceof AppError) return error;
  const name = error instanceof Error ? error.name : "";
  if (name === "QdrantClientTimeoutError") {
    return new AppError(ErrorCode.Timeout, `Qdrant at ${url} did not answer in time.`, {
      retryable: true,
      cause: error,
    });
  }
  if (name === "QdrantClientResourceExhaustedError") {
    return new AppError(ErrorCode.RateLimited, `Qdrant at ${url} is rate limiting.`, {
      retryable: true,
      cause: error,
    });
  }
  const status = qdrantStatus(error);
  if (status !== undefined) return statusError(status, detail(error), url, error);
  if (unreachableCodes.has(causeCode(error) ?? "")) {
    return new AppError(ErrorCode.Unavailable, `Qdrant is not reachable at ${url} (${causeCode(error)}).`, {
      retryable: true,
      cause: error,
      hint: `Start Qdrant or check the Qdrant URL (${url}).`,
    });
  }
  return new AppError(ErrorCode.UpstreamError, `Qdrant call failed: ${errorMessage(error)}`, {
    retryable: true,
    cause: error,
  });
}

function statusError(status: number, message: string, url: string, cause: unknown): AppError {
  const text = `Qdrant answered ${status}: ${message}`;
  if (status === 401 || status === 403) {
    return new AppError(ErrorCode.InvalidConfig, text, {
      cause,
      hint: `Check the Qdrant API key for ${url}.`,
    });
  }
  if (status === 404) return new AppError(ErrorCode.NotFound, text, { cause });
  if (status === 429) return new AppError(ErrorCode.RateLimited, text, { retryable: true, cause });
  if (status === 502 || status === 503 || status === 504) {
    return new AppError(ErrorCode.Unavailable, text, {
      retryable: true,
      cause,
      hint: `Check Qdrant at ${url}.`,
    });
  }
  return new AppError(ErrorCode.UpstreamError, text, { retryable: isRetryableStatus(status), cause });
}

/** Qdrant's error body is `{ status: { error } }`; fall back to the HTTP status text. */
function detail(error: unknown): string {
  const data = (error as { data?: { status?: { error?: unknown } } }).data;
  const message = data?.status?.error;
  return typeof message === "string" ? message : errorMessage(error);
}

/** fetch wraps socket errors: TypeError("fetch failed") with the system error as its cause. */
function causeCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string" && unreachableCodes.has(code)) return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}
