import { AppError, ErrorCode } from "../../errors/app-error.ts";
import type { Embedder } from "./embedder.ts";
import { documentPrompt, queryPrompt } from "./embedding-prompts.ts";

export interface BatchedEmbedderSettings {
  model: string;
  dimensions: number;
  batchSize: number;
  /** Names the server in errors, e.g. "Ollama at http://…". */
  server: string;
}

/**
 * The part every embedding adapter shares: the model's prompts, batches sent one after another
 * (one model server serves an embedding model's requests in turn anyway), one vector per query.
 * The adapter supplies only the vendor call.
 */
export function batchedEmbedder(
  settings: BatchedEmbedderSettings,
  embedBatch: (inputs: string[], signal?: AbortSignal) => Promise<number[][]>,
): Embedder {
  const { model, dimensions, batchSize, server } = settings;
  return {
    model,
    dimensions,
    async embedDocuments(items, signal) {
      const vectors: number[][] = [];
      for (let start = 0; start < items.length; start += batchSize) {
        const inputs = items.slice(start, start + batchSize).map((item) => documentPrompt(model, item));
        vectors.push(...(await embedBatch(inputs, signal)));
      }
      return vectors;
    },
    async embedQuery(text, signal) {
      const [vector] = await embedBatch([queryPrompt(model, text)], signal);
      if (!vector) throw new AppError(ErrorCode.UpstreamError, `${server} returned no embedding`);
      return vector;
    },
  };
}

/** An adapter option that must be a positive whole number (a batch size, a dimension count). */
export function requirePositiveInteger(
  adapter: string,
  name: string,
  value: number,
  variable?: string,
): void {
  if (Number.isInteger(value) && value > 0) return;
  throw new AppError(
    ErrorCode.InvalidConfig,
    `${adapter}: ${name} must be a positive whole number, got ${value}`,
    variable === undefined ? {} : { hint: `check ${variable}` },
  );
}
