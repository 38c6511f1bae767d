import { randomUUID } from "node:crypto";
import { AppError, ErrorCode, type ErrorCode as ErrorCodeValue } from "#shared/errors/app-error.ts";
import type { JobPayloadInput } from "#shared/queue/job-catalog.ts";
import type { SyncJobOutcome, SyncJobUpdate } from "#workers/sync/sync-job-update.ts";
import { type HandOffSettings, handJobToStart } from "./hand-job-to-start.ts";

/** done: the start ran it (complete or not); queued: another sync of it ran, one more is queued after. */
export type HandedSyncResult = { status: "done"; outcome: SyncJobOutcome } | { status: "queued" };

/**
 * Hands one source's sync to the running `sabio start` (its sync role) and waits for how it went.
 * Its own job, not folded into a scheduled run, so its report is this request's. Throws the sync's
 * error as it would have been thrown here, saying when the start tries again by itself.
 */
export function handSyncToStart(
  settings: HandOffSettings,
  request: Omit<JobPayloadInput<"sync">, "reason">,
): Promise<HandedSyncResult> {
  return handJobToStart(
    settings,
    "sync",
    { ...request, reason: "manual" },
    {
      what: "sync",
      progress: (data): HandedSyncResult | undefined => {
        if (typeof data !== "object" || data === null) return undefined;
        const update = data as SyncJobUpdate;
        if ("outcome" in update) return { status: "done", outcome: update.outcome };
        if ("deferred" in update) return { status: "queued" };
        const { code, message, hint, retrying } = update.error;
        throw new AppError(
          code as ErrorCodeValue,
          retrying ? `${message} The running start tries again by itself later.` : message,
          hint ? { hint } : {},
        );
      },
      completed: () => {
        throw new AppError(ErrorCode.Internal, "the running start finished the sync without a report");
      },
      failed: (reason) =>
        new AppError(ErrorCode.Internal, `The running start failed the sync: ${reason}`, {
          hint: "run the sync again",
        }),
    },
    { dedupeId: randomUUID() },
  );
}
