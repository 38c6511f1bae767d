import { ErrorCode, isAppError } from "#shared/errors/app-error.ts";
import type { ModelProvider } from "#shared/model/chat-model.ts";

/** One line telling the operator how to get generated answers back. */
export function modelHint(
  error: unknown,
  context: { host: string; model: string; timeoutMs: number; provider?: ModelProvider | undefined },
): string {
  // An OpenAI-compatible server's errors carry their own fix (key, base URL, model to load).
  if (context.provider === "openai" && isAppError(error) && error.code !== ErrorCode.Timeout && error.hint) {
    return `The model server at ${context.host} failed: ${error.hint}.`;
  }
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
