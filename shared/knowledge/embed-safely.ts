import { errorMessage } from "../errors/app-error.ts";
import type { Logger } from "../log/logger.ts";
import type { Embedder } from "./embed/embedder.ts";

/** Generous for a batch on a busy CPU-only server, but a hung server can't stall an ingest forever. */
const batchTimeoutMs = 120_000;

/**
 * Embeds passages, or returns null when the embedder fails: ingestion and search must go on
 * lexically when the model server is down, so an embedding failure is never fatal.
 */
export async function embedSafely(
  embedder: Embedder | null,
  items: { title: string; text: string }[],
  logger: Logger,
): Promise<number[][] | null> {
  if (!embedder || items.length === 0) return null;
  try {
    return await embedder.embedDocuments(items, AbortSignal.timeout(batchTimeoutMs));
  } catch (error) {
    logger.warn(
      { err: errorMessage(error) },
      "embedder unavailable; chunks stored for lexical search, vectors later",
    );
    return null;
  }
}
