import type { IngestFolderDependencies } from "#connectors/files/ingest-folder.ts";
import { type IngestOutcome, ingestFolderSummary } from "#connectors/files/ingest-folder-summary.ts";
import type { IngestProgress } from "#connectors/files/ingest-progress.ts";
import { AppError, ErrorCode, errorMessage, isAppError } from "#shared/errors/app-error.ts";
import type { JobPayload } from "#shared/queue/job-catalog.ts";
import type { JobContext } from "#shared/queue/run-worker.ts";
import { isValidIngestProof } from "./ingest-proof.ts";

/** What the job reports through BullMQ's progress events to the `sabio ingest` waiting for it. */
export type IngestJobUpdate =
  | { progress: IngestProgress }
  | { outcome: IngestOutcome }
  | { error: { code: string; message: string; hint: string | null } };

/** Progress events at most this often (each is a Redis write), phase ends always. */
const progressEveryMs = 250;

/**
 * Runs an ingest that `sabio ingest` handed over because this process holds the embedded database.
 * Only requests proved with this start's secret are run (see ingest-proof.ts).
 */
export function createIngestJob(
  dependencies: Omit<IngestFolderDependencies, "onProgress"> & { secret: string; nowMs?: () => number },
) {
  const nowMs = dependencies.nowMs ?? Date.now;
  return async (payload: JobPayload<"ingest">, context: JobContext): Promise<void> => {
    if (!isValidIngestProof(dependencies.secret, payload)) {
      dependencies.logger.warn({ jobId: context.jobId }, "ingest job without a valid proof ignored");
      throw new AppError(ErrorCode.InvalidInput, "ingest request not signed by this start; ignored");
    }
    const send = (update: IngestJobUpdate) => context.updateProgress(update);
    let sentAt = 0;
    const onProgress = (progress: IngestProgress) => {
      const now = nowMs();
      if (progress.done < progress.total && now - sentAt < progressEveryMs) return;
      sentAt = now;
      // Same connection, so these arrive in order, before the outcome.
      send({ progress }).catch(() => {});
    };
    try {
      const outcome = await ingestFolderSummary(
        { ...dependencies, onProgress },
        {
          workspaceId: payload.workspaceId,
          path: payload.path,
          ...(payload.connectionId === undefined ? {} : { connectionId: payload.connectionId }),
          ...(payload.baseUrl === undefined ? {} : { baseUrl: payload.baseUrl }),
        },
      );
      await send({ outcome });
    } catch (thrown) {
      const error = isAppError(thrown) ? thrown : new AppError(ErrorCode.Internal, errorMessage(thrown));
      await send({ error: { code: error.code, message: error.message, hint: error.hint ?? null } }).catch(
        () => {},
      );
      throw new AppError(error.code, error.message, { cause: thrown, retryable: false });
    }
  };
}
