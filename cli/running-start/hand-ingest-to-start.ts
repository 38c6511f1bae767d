import type { IngestOutcome } from "#connectors/files/ingest-folder-summary.ts";
import type { OnIngestProgress } from "#connectors/files/ingest-progress.ts";
import { AppError, ErrorCode, type ErrorCode as ErrorCodeValue } from "#shared/errors/app-error.ts";
import type { IngestJobUpdate } from "#workers/ingest/ingest-job.ts";
import { type IngestRequestFields, ingestProof } from "#workers/ingest/ingest-proof.ts";
import { type HandOffSettings, handJobToStart } from "./hand-job-to-start.ts";

/**
 * Hands an ingest to the running `sabio start` that holds the embedded database, as a job on its
 * Redis, and waits for the result, relaying its progress. Throws the ingest's own error (e.g. the
 * folder does not exist) as it would have been thrown here, HandOffFailed, or an AppError saying
 * the start did not pick it up or stopped before it finished (hand-job-to-start.ts).
 */
export function handIngestToStart(
  settings: HandOffSettings,
  secret: string,
  request: IngestRequestFields,
  onProgress: OnIngestProgress | undefined,
): Promise<IngestOutcome> {
  return handJobToStart(
    settings,
    "ingest",
    { ...request, proof: ingestProof(secret, request) },
    {
      what: "ingest",
      progress: (data) => {
        if (typeof data !== "object" || data === null) return undefined;
        const update = data as IngestJobUpdate;
        if ("progress" in update) {
          onProgress?.(update.progress);
          return undefined;
        }
        // Sent once the ingest is over, before the job ends: the wait ends here.
        if ("outcome" in update) return update.outcome;
        const { code, message, hint } = update.error;
        throw new AppError(code as ErrorCodeValue, message, hint ? { hint } : {});
      },
      completed: () => {
        throw new AppError(ErrorCode.Internal, "the running start finished the ingest without a report");
      },
      failed: (reason) =>
        new AppError(ErrorCode.Internal, `The running start failed the ingest: ${reason}`, {
          hint: "run the ingest again",
        }),
    },
  );
}
