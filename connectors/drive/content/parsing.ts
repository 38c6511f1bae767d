import { AppError, ErrorCode, errorMessage, isAppError } from "#shared/errors/app-error.ts";

/**
 * Runs a parser on bytes already in hand: its AppErrors (corrupt, unsupported) pass through, and
 * anything else it throws means the bytes are not what they claim — corrupt, permanent for this
 * version of the file, never a reason to retry.
 */
export async function parsing<T>(what: string, parse: () => Promise<T>): Promise<T> {
  try {
    return await parse();
  } catch (error) {
    if (isAppError(error)) throw error;
    throw new AppError(ErrorCode.CorruptFile, `not a readable ${what} (it may be corrupt)`, {
      cause: new Error(errorMessage(error)),
    });
  }
}
