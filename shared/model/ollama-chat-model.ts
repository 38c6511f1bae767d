import { Ollama } from "ollama";
import { AppError, ErrorCode } from "../errors/app-error.ts";
import type { ChatModel, ChatRequest, ChatResult } from "./chat-model.ts";
import { fetchWithSignal } from "./fetch-with-signal.ts";
import { mapOllamaError } from "./map-ollama-error.ts";
import { type OllamaChatChunk, ollamaChatChunkSchema } from "./ollama-chat-chunk.ts";

export interface OllamaChatModelOptions {
  /** e.g. http://127.0.0.1:11434 */
  host: string;
  /** Injected in tests (recording); defaults to the global fetch. */
  fetch?: typeof fetch;
}

/** ChatModel over Ollama's `/api/chat`, streamed, through the official `ollama` client. */
export function createOllamaChatModel(options: OllamaChatModelOptions): ChatModel {
  const { host } = options;
  const baseFetch = options.fetch ?? globalThis.fetch;
  // One client per call: the only way to give the client's fetch the caller's signal.
  const clientFor = (signal: AbortSignal | undefined) =>
    new Ollama({ host, fetch: fetchWithSignal(baseFetch, signal) });

  return {
    host,
    provider: "ollama",

    async chat(request: ChatRequest): Promise<ChatResult> {
      const { model, signal } = request;
      let text = "";
      let final: OllamaChatChunk | undefined;
      // Errors thrown by the caller's onToken are theirs: passed through untouched, never mapped.
      let callbackFailure: { error: unknown } | undefined;
      try {
        signal?.throwIfAborted();
        const stream = await clientFor(signal).chat({
          model,
          messages: request.messages,
          stream: true,
          // Grounded answers want the reply, not a reasoning trace; false is accepted by every model.
          think: false,
          ...(request.temperature === undefined ? {} : { options: { temperature: request.temperature } }),
        });
        const stop = () => stream.abort();
        signal?.addEventListener("abort", stop, { once: true });
        try {
          for await (const raw of stream) {
            // Pieces already buffered must not reach onToken once the caller gave up.
            signal?.throwIfAborted();
            const chunk = ollamaChatChunkSchema.parse(raw);
            const piece = chunk.message?.content ?? "";
            if (piece !== "") {
              text += piece;
              try {
                request.onToken?.(piece);
              } catch (error) {
                callbackFailure = { error };
                throw error;
              }
            }
            if (chunk.done) final = chunk;
          }
        } finally {
          signal?.removeEventListener("abort", stop);
          // Leaving the loop early would otherwise keep the HTTP response open.
          if (!final) stream.abort();
        }
      } catch (error) {
        if (callbackFailure) throw callbackFailure.error;
        throw mapOllamaError(error, { host, model, signal });
      }
      if (!final) {
        throw new AppError(
          ErrorCode.UpstreamError,
          `Ollama at ${host} ended the reply without a final message`,
          {
            retryable: true,
          },
        );
      }
      return {
        text,
        model: final.model ?? model,
        promptTokens: final.prompt_eval_count ?? 0,
        completionTokens: final.eval_count ?? 0,
        totalDurationMs: Math.round((final.total_duration ?? 0) / 1_000_000),
      };
    },

    async listModels(signal?: AbortSignal): Promise<string[]> {
      try {
        signal?.throwIfAborted();
        const { models } = await clientFor(signal).list();
        return models.map((entry) => entry.name);
      } catch (error) {
        throw mapOllamaError(error, { host, signal });
      }
    },
  };
}
