import { AppError, ErrorCode } from "../errors/app-error.ts";
import type { ChatModel, ChatRequest, ChatResult } from "./chat-model.ts";
import { mapOpenAiError } from "./map-openai-error.ts";
import { openAiChatChunkSchema } from "./openai-chat-chunk.ts";
import { createOpenAiClient, normaliseBaseUrl } from "./openai-client.ts";

export interface OpenAiChatModelOptions {
  /** The API base, /v1 included, e.g. http://127.0.0.1:8080/v1. */
  baseUrl: string;
  apiKey?: string | undefined;
  /** Injected in tests (recording); defaults to the global fetch. */
  fetch?: typeof fetch;
  /** Clock for the duration when the server reports none. */
  now?: () => number;
}

/**
 * ChatModel over an OpenAI-compatible `/v1/chat/completions` (llama-server, LM Studio, vLLM,
 * LiteLLM…), streamed as server-sent events, through the official `openai` client.
 */
export function createOpenAiChatModel(options: OpenAiChatModelOptions): ChatModel {
  const baseUrl = normaliseBaseUrl(options.baseUrl);
  const { now = () => performance.now() } = options;
  const client = createOpenAiClient({ ...options, baseUrl });

  return {
    host: baseUrl,
    provider: "openai",

    async chat(request: ChatRequest): Promise<ChatResult> {
      const { model, signal } = request;
      const started = now();
      let text = "";
      let finished = false;
      let usage = { prompt_tokens: 0, completion_tokens: 0 };
      let serverMs: number | undefined;
      // Errors thrown by the caller's onToken are theirs: passed through untouched, never mapped.
      let callbackFailure: { error: unknown } | undefined;
      try {
        signal?.throwIfAborted();
        const stream = await client.chat.completions.create(
          {
            model,
            messages: request.messages,
            stream: true,
            stream_options: { include_usage: true },
            ...(request.temperature === undefined ? {} : { temperature: request.temperature }),
          },
          signal ? { signal } : {},
        );
        try {
          for await (const raw of stream) {
            // Pieces already buffered must not reach onToken once the caller gave up.
            signal?.throwIfAborted();
            const chunk = openAiChatChunkSchema.parse(raw);
            for (const choice of chunk.choices ?? []) {
              const piece = choice.delta?.content ?? "";
              if (piece !== "") {
                text += piece;
                try {
                  request.onToken?.(piece);
                } catch (error) {
                  callbackFailure = { error };
                  throw error;
                }
              }
              if (choice.finish_reason) finished = true;
            }
            if (chunk.usage) usage = chunk.usage;
            if (chunk.timings) serverMs = (chunk.timings.prompt_ms ?? 0) + (chunk.timings.predicted_ms ?? 0);
          }
          // The client ends the stream quietly when the signal fires; that is no finished reply.
          signal?.throwIfAborted();
        } finally {
          // Leaving the loop early (abort, onToken threw) must not keep the HTTP response open.
          if (!finished) stream.controller.abort();
        }
      } catch (error) {
        if (callbackFailure) throw callbackFailure.error;
        throw mapOpenAiError(error, { baseUrl, model, signal });
      }
      if (!finished) {
        throw new AppError(
          ErrorCode.UpstreamError,
          `The model server at ${baseUrl} ended the reply without finishing it`,
          { retryable: true },
        );
      }
      return {
        text,
        // The name asked for, not the one reported: servers report a file name or a dated snapshot,
        // and the fallback chain and the served record compare against CHAT_MODEL.
        model,
        promptTokens: usage.prompt_tokens,
        completionTokens: usage.completion_tokens,
        // The OpenAI API reports no server time; the whole call is the closest measure.
        totalDurationMs: Math.round(serverMs ?? now() - started),
      };
    },

    async listModels(signal?: AbortSignal): Promise<string[]> {
      try {
        signal?.throwIfAborted();
        const names: string[] = [];
        for await (const entry of client.models.list(signal ? { signal } : {})) names.push(entry.id);
        return names;
      } catch (error) {
        throw mapOpenAiError(error, { baseUrl, signal });
      }
    },
  };
}
