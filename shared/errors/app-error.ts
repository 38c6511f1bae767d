/** Stable error codes: strings, never renumbered, safe to show and to match on. */
export const ErrorCode = {
  InvalidConfig: "invalid_config",
  InvalidInput: "invalid_input",
  InvalidWorkspace: "invalid_workspace",
  NotFound: "not_found",
  Unavailable: "unavailable",
  Timeout: "timeout",
  RateLimited: "rate_limited",
  ModelNotFound: "model_not_found",
  UpstreamError: "upstream_error",
  CorruptFile: "corrupt_file",
  UnsupportedFile: "unsupported_file",
  FileTooLarge: "file_too_large",
  /** The job was cancelled (shutdown, cancelJob): it stops and runs again later. */
  Cancelled: "cancelled",
  Internal: "internal",
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

export interface AppErrorOptions {
  retryable?: boolean;
  cause?: unknown;
  /** Plain-words hint for the person who can fix it (e.g. "run `ollama pull gemma4:e4b`"). */
  hint?: string;
}

/** The one error shape: a stable code, whether trying again can help, and the cause. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly retryable: boolean;
  readonly hint: string | undefined;

  constructor(code: ErrorCode, message: string, options: AppErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = "AppError";
    this.code = code;
    this.retryable = options.retryable ?? false;
    this.hint = options.hint;
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}

/** Retry helps for timeouts, conflicts, rate limits and server-side failures. */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 409 || status === 429 || status >= 500;
}

/** Whether a retry could help, for any thrown value: unknown errors count as transient. */
export function isRetryable(error: unknown): boolean {
  if (isAppError(error)) return error.retryable;
  return true;
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
