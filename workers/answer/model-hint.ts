import { ErrorCode, isAppError } from "#shared/errors/app-error.ts";

/** One line telling the operator how to get generated answers back. */
export function modelHint(
  error: unknown,
  context: { host: string; model: string; timeoutMs: number },
): string {
  if (isAppError(error)) {
    if (error.code === ErrorCode.ModelNotFound)
      return `Model not available: run \`ollama pull ${context.model}\`.`;
    if (error.code === ErrorCode.Unavailable) {
      return `Ollama is not reachable at ${context.host}: start it (\`ollama serve\`) or set OLLAMA_HOST.`;
    }
    if (error.code === ErrorCode.Timeout) {
      return `The model took longer than ${Math.round(context.timeoutMs / 1000)} s; try again or raise CHAT_TIMEOUT_SECONDS.`;
    }
    if (error.hint) return error.hint;
  }
  return `The model failed at ${context.host}; check \`npm run sabio -- doctor\`.`;
}
