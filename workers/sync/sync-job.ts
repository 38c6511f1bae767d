import { type SyncSourceDependencies, syncSource } from "#connectors/sources/sync-source.ts";
import { getSourceConnection } from "#shared/db/source-connection-repository.ts";
import { AppError, ErrorCode, errorMessage, isAppError } from "#shared/errors/app-error.ts";
import type { JobPayload } from "#shared/queue/job-catalog.ts";
import type { JobContext } from "#shared/queue/run-worker.ts";
import { type SyncJobUpdate, syncJobOutcome } from "./sync-job-update.ts";

export interface SyncJobDependencies {
  sync: SyncSourceDependencies;
  /** Queues the same sync to run after `delayMs` (see defer-sync.ts). */
  defer(payload: JobPayload<"sync">, delayMs: number): Promise<void>;
  /** How long a job that found another sync of its connection running waits; 30 s by default. */
  busyRetryMs?: number;
}

/**
 * Processes one job of the `sync` queue: syncs the connection (see syncSource, which records its
 * state and alerts admins). Outcomes, so nothing is lost and nothing retries in vain:
 * - another sync holds the connection's lease → the job is queued again for later, no attempt used;
 * - the connection is gone or its credential is dead → fails at once (not retryable);
 * - a scheduled run of a connection that is gone or needs re-auth → skipped without calling the
 *   source (its schedule is being removed; re-auth would otherwise alert admins every few minutes);
 * - Notion down or rate limiting (the sync failed, or could not list everything) → retried with the
 *   catalog's backoff; pages that are gone or refused are reported and not retried.
 * Each run reports how it ended as a progress update (sync-job-update.ts), for a `sabio sync` waiting.
 */
export function createSyncJob(dependencies: SyncJobDependencies) {
  const run = createSyncRun(dependencies);
  return async (payload: JobPayload<"sync">, context?: JobContext): Promise<void> => {
    let ended = false;
    const send = async (update: SyncJobUpdate) => {
      ended = true;
      await context?.updateProgress(update).catch(() => {});
    };
    try {
      await run(payload, send);
    } catch (thrown) {
      // A sync that reported its outcome and is retried for what it could not read said enough.
      if (ended) throw thrown;
      const error = isAppError(thrown) ? thrown : undefined;
      await send({
        error: {
          code: error?.code ?? ErrorCode.Internal,
          message: error?.message ?? errorMessage(thrown),
          hint: error?.hint ?? null,
          retrying: (error?.retryable ?? true) && context !== undefined && context.attempt < context.attempts,
        },
      });
      throw thrown;
    }
  };
}

function createSyncRun(dependencies: SyncJobDependencies) {
  const { database, logger } = dependencies.sync;
  const busyRetryMs = dependencies.busyRetryMs ?? 30_000;
  return async (
    payload: JobPayload<"sync">,
    send: (update: SyncJobUpdate) => Promise<void>,
  ): Promise<void> => {
    const fields = { connectionId: payload.connectionId, mode: payload.mode, reason: payload.reason };
    const found = await getSourceConnection(database.db, payload.connectionId);
    // Also refuses a payload naming another workspace's connection: job data is plain JSON in Redis.
    const connection = found?.workspaceId === payload.workspaceId ? found : undefined;
    if (!connection && payload.reason === "schedule") {
      // A run that was already due when its connection was removed (the schedule goes with it).
      logger.info(fields, "scheduled sync skipped: the connection no longer exists");
      return;
    }
    if (!connection) {
      throw new AppError(
        ErrorCode.NotFound,
        `There is no source connection "${payload.connectionId}" in workspace "${payload.workspaceId}"; it was probably disconnected.`,
      );
    }
    if (payload.reason === "schedule" && connection.state === "needs_reauth") {
      logger.info(fields, "scheduled sync skipped: the connection needs re-auth");
      return;
    }
    const result = await syncSource(dependencies.sync, {
      connectionId: payload.connectionId,
      mode: payload.mode,
      ...(payload.pageIds === undefined ? {} : { itemIds: payload.pageIds }),
    });
    if (result.status === "busy") {
      await dependencies.defer(payload, busyRetryMs);
      await send({ deferred: { retryInMs: busyRetryMs } });
      logger.info({ ...fields, retryInMs: busyRetryMs }, "another sync of this connection is running; later");
      return;
    }
    const { report } = result;
    await send({ outcome: syncJobOutcome(report) });
    const summary = {
      ...fields,
      ran: report.mode,
      state: report.state,
      complete: report.complete,
      documents: report.documents,
      embedded: report.embedded,
      unchanged: report.unchanged,
      deleted: report.deleted,
      failed: report.failed.length,
    };
    if (report.complete) {
      logger.info(summary, "source synced");
      return;
    }
    // Already recorded on the connection. A listing that failed for a passing reason (Notion down,
    // rate limited) is worth the queue's retries; pages that are gone or refused are not.
    const passing = report.failed.filter((failure) => failure.error.retryable);
    if (passing.length === 0) {
      logger.warn(summary, "source synced in part");
      return;
    }
    throw new AppError(
      ErrorCode.Unavailable,
      `The sync of "${payload.connectionId}" could not read everything (${passing[0]?.error.message}); trying again.`,
      { retryable: true, cause: passing[0]?.error },
    );
  };
}
