import { UnrecoverableError } from "bullmq";
import { type ErrorCode, isAppError } from "../errors/app-error.ts";

/** BullMQ's "do not retry" error, carrying our stable code so logs and handlers can match on it. */
export class UnrecoverableJobError extends UnrecoverableError {
  readonly code: ErrorCode;

  constructor(code: ErrorCode, message: string, cause: unknown) {
    super(message);
    this.code = code;
    this.cause = cause;
  }
}

/**
 * Translates what a processor threw into what BullMQ understands: an AppError that says retrying
 * cannot help becomes an UnrecoverableError (same message and code), so the job fails now instead
 * of using up its attempts. Everything else passes through and is retried per the catalog.
 */
export function toJobError(error: unknown): unknown {
  if (isAppError(error) && !error.retryable) {
    return new UnrecoverableJobError(error.code, error.message, error);
  }
  return error;
}
