import { APIError } from "openai";
import { AppError, ErrorCode } from "../../errors/app-error.ts";
import { mapOpenAiError } from "../../model/map-openai-error.ts";
import { createOpenAiClient, normaliseBaseUrl } from "../../model/openai-client.ts";
import { batchedEmbedder, requirePositiveInteger } from "./batched-embedder.ts";
import type { Embedder } from "./embedder.ts";
import { openAiEmbedResponseSchema } from "./openai-embed-response.ts";
import { truncateAndNormalize } from "./truncate-and-normalize.ts";

export interface OpenAiEmbedderOptions {
  /** The API base, /v1 included, e.g. http://127.0.0.1:8080/v1. */
  baseUrl: string;
  apiKey?: string | undefined;
  model?: string;
  /** Size vectors are truncated to (EMBED_DIMENSIONS); also sent as `dimensions`. */
  dimensions?: number;
  /** Texts per `/v1/embeddings` call. */
  batchSize?: number;
  /** Injected in tests (recording); defaults to the global fetch. */
  fetch?: typeof fetch;
}

/**
 * Embedder over an OpenAI-compatible `/v1/embeddings`, batched, with the same prompts, Matryoshka
 * truncation and re-normalisation as the Ollama embedder, so either can fill the same index.
 */
export function createOpenAiEmbedder(options: OpenAiEmbedderOptions): Embedder {
  const { model = "embeddinggemma", dimensions = 256, batchSize = 32 } = options;
  const baseUrl = normaliseBaseUrl(options.baseUrl);
  requirePositiveInteger("OpenAI-compatible embedder", "dimensions", dimensions, "EMBED_DIMENSIONS");
  requirePositiveInteger("OpenAI-compatible embedder", "batchSize", batchSize);
  const client = createOpenAiClient({ ...options, baseUrl });
  // `dimensions` lets a Matryoshka model (text-embedding-3, vLLM) send short vectors; a server
  // that refuses the field (ada-002, a non-Matryoshka vLLM model) is asked again without it, and
  // our own truncation gives the same size either way.
  let sendDimensions = true;

  async function embedBatch(inputs: string[], signal: AbortSignal | undefined): Promise<number[][]> {
    const raw = await requestEmbeddings(inputs, signal).catch(async (error: unknown) => {
      if (!sendDimensions || !refusesDimensions(error)) throw error;
      sendDimensions = false;
      return requestEmbeddings(inputs, signal);
    });
    const parsed = openAiEmbedResponseSchema.safeParse(raw);
    if (!parsed.success || parsed.data.data.length !== inputs.length) {
      throw new AppError(
        ErrorCode.UpstreamError,
        `The model server at ${baseUrl} sent an unexpected embeddings answer`,
        { retryable: true, cause: parsed.success ? undefined : parsed.error },
      );
    }
    // Items carry their index; servers are not bound to keep the input order.
    const ordered = [...parsed.data.data].sort((a, b) => a.index - b.index);
    return ordered.map(({ embedding }) => {
      if (embedding.length < dimensions) {
        throw new AppError(
          ErrorCode.InvalidConfig,
          `Embedding model "${model}" makes ${embedding.length}-dimensional vectors, fewer than the ${dimensions} asked for`,
          {
            hint: `set EMBED_DIMENSIONS to ${embedding.length} or less, or use a model with more dimensions`,
          },
        );
      }
      return truncateAndNormalize(embedding, dimensions);
    });
  }

  async function requestEmbeddings(inputs: string[], signal: AbortSignal | undefined): Promise<unknown> {
    try {
      signal?.throwIfAborted();
      return await client.embeddings.create(
        {
          model,
          input: inputs,
          // The client asks for base64 by default; not every compatible server speaks it.
          encoding_format: "float",
          ...(sendDimensions ? { dimensions } : {}),
        },
        signal ? { signal } : {},
      );
    } catch (error) {
      if (refusesDimensions(error)) throw error;
      throw mapOpenAiError(error, { baseUrl, model, modelVariable: "EMBED_MODEL", signal });
    }
  }

  return batchedEmbedder(
    { model, dimensions, batchSize, server: `The model server at ${baseUrl}` },
    embedBatch,
  );
}

/** A 400 about the `dimensions` field, as OpenAI ("does not support specifying dimensions") and vLLM word it. */
function refusesDimensions(error: unknown): boolean {
  return error instanceof APIError && error.status === 400 && /dimension/i.test(error.message);
}
