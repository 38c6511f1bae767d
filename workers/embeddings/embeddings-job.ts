import { AppError, ErrorCode } from "#shared/errors/app-error.ts";
import { backfillVectors } from "#shared/knowledge/backfill-vectors.ts";
import type { Embedder } from "#shared/knowledge/embed/embedder.ts";
import type { VectorStore } from "#shared/knowledge/store/vector-store.ts";
import type { Logger } from "#shared/log/logger.ts";
import type { JobPayload } from "#shared/queue/job-catalog.ts";

/**
 * Fills in dense vectors a workspace is missing (chunks stored while the embedder was down).
 * Throws a retryable error when the embedder is still down, so the queue backs off and tries again.
 */
export function createEmbeddingsJob(dependencies: {
  store: VectorStore;
  embedder: Embedder;
  logger: Logger;
}) {
  return async (payload: JobPayload<"embeddings">): Promise<void> => {
    const result = await backfillVectors(dependencies, payload.workspaceId);
    if (result.embedded > 0) {
      dependencies.logger.info(
        { workspaceId: payload.workspaceId, embedded: result.embedded },
        "vectors filled in",
      );
    }
    if (result.incomplete) {
      throw new AppError(ErrorCode.Unavailable, "embedder unavailable; vectors still missing", {
        retryable: true,
      });
    }
  };
}
