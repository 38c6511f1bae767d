import { Ollama } from "ollama";
import { AppError, ErrorCode } from "../../errors/app-error.ts";
import { fetchWithSignal } from "../../model/fetch-with-signal.ts";
import { mapOllamaError } from "../../model/map-ollama-error.ts";
import { batchedEmbedder, requirePositiveInteger } from "./batched-embedder.ts";
import type { Embedder } from "./embedder.ts";
import { ollamaEmbedResponseSchema } from "./ollama-embed-response.ts";
import { truncateAndNormalize } from "./truncate-and-normalize.ts";

export interface OllamaEmbedderOptions {
  /** e.g. http://127.0.0.1:11434 */
  host: string;
  model?: string;
  /** Matryoshka size vectors are truncated to (EmbeddingGemma: 768, 512, 256 or 128). */
  dimensions?: number;
  /** Texts per `/api/embed` call. */
  batchSize?: number;
  /** Injected in tests (recording); defaults to the global fetch. */
  fetch?: typeof fetch;
}

/** Embedder over Ollama's `/api/embed`, batched, truncated and re-normalised on our side. */
export function createOllamaEmbedder(options: OllamaEmbedderOptions): Embedder {
  const { host, model = "embeddinggemma", dimensions = 256, batchSize = 32 } = options;
  const baseFetch = options.fetch ?? globalThis.fetch;
  requirePositiveInteger("Ollama embedder", "dimensions", dimensions, "EMBED_DIMENSIONS");
  requirePositiveInteger("Ollama embedder", "batchSize", batchSize);

  // Truncation is done here rather than by Ollama's `dimensions` field: it works on every Ollama
  // version, and a model smaller than asked gets a clear error instead of a server-specific one.
  async function embedBatch(inputs: string[], signal: AbortSignal | undefined): Promise<number[][]> {
    let raw: unknown;
    try {
      signal?.throwIfAborted();
      const client = new Ollama({ host, fetch: fetchWithSignal(baseFetch, signal) });
      // truncate: an over-long passage is cut to the model's context instead of failing the batch.
      raw = await client.embed({ model, input: inputs, truncate: true });
    } catch (error) {
      throw mapOllamaError(error, { host, model, signal });
    }
    const parsed = ollamaEmbedResponseSchema.safeParse(raw);
    if (!parsed.success || parsed.data.embeddings.length !== inputs.length) {
      throw new AppError(ErrorCode.UpstreamError, `Ollama at ${host} sent an unexpected embed answer`, {
        retryable: true,
        cause: parsed.success ? undefined : parsed.error,
      });
    }
    return parsed.data.embeddings.map((vector) => {
      if (vector.length < dimensions) {
        throw new AppError(
          ErrorCode.InvalidConfig,
          `Embedding model "${model}" makes ${vector.length}-dimensional vectors, fewer than the ${dimensions} asked for`,
          { hint: `set EMBED_DIMENSIONS to ${vector.length} or less, or use a model with more dimensions` },
        );
      }
      return truncateAndNormalize(vector, dimensions);
    });
  }

  return batchedEmbedder({ model, dimensions, batchSize, server: `Ollama at ${host}` }, embedBatch);
}
