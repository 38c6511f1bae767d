import type { SyncMode } from "#connectors/sources/sync-source.ts";
import { isAppError } from "#shared/errors/app-error.ts";
import type { SyncJobOutcome } from "#workers/sync/sync-job-update.ts";
import type { Output } from "../output.ts";
import { HandOffFailed } from "../running-start/hand-off-failed.ts";
import { handSyncToStart } from "../running-start/hand-sync-to-start.ts";
import { isRunning, type RunningStart } from "../running-start/running-start-file.ts";
import { startHoldsDatabaseError } from "../running-start/start-holds-database-error.ts";
import { startQueues } from "../running-start/start-queues.ts";
import { startSyncedSources } from "../running-start/start-synced-sources.ts";
import type { Services } from "../services.ts";
import type { SyncSummary } from "./sync-summary.ts";

export interface SyncInStartRequest {
  workspaceId: string;
  mode: SyncMode;
  source?: string;
}

/**
 * `sabio sync` while a running `sabio start` holds the embedded database: each source's sync is
 * handed to that start's sync role and waited for, one after the other, as they would run here.
 * The sources are those the start syncs (its schedules in Redis): the database that lists them is
 * the one this command cannot open. When the start cannot take them, says what to do (exit 2).
 */
export async function syncInStart(
  services: Services,
  running: RunningStart,
  request: SyncInStartRequest,
  output: Output,
): Promise<SyncSummary[]> {
  const { env, logger } = services;
  const { workspaceId, source } = request;
  if (running.database !== "embedded" || running.queues === undefined)
    throw startHoldsDatabaseError(env.DATA_DIR, running, "sync");
  const folder =
    source === undefined
      ? ""
      : ` (a folder source is re-read by \`sabio ingest <its folder> --workspace ${workspaceId} --source ${source}\`, which start takes)`;
  try {
    if (!running.roles.includes("sync")) {
      throw new HandOffFailed(
        "it does not run the sync role",
        "restart it with the sync role (`sabio start` runs it when NOTION_TOKEN or NOTION_CLIENT_ID is set; " +
          `or name it: \`sabio start answer sync\`), then run the sync again${folder}`,
      );
    }
    const queues = startQueues(running.queues, env.REDIS_URL, "sync");
    const synced = await startSyncedSources(queues, workspaceId, logger);
    if (source !== undefined && !synced.includes(source)) {
      throw new HandOffFailed(
        `it syncs no source "${source}" of workspace "${workspaceId}" (${synced.length > 0 ? `it syncs ${synced.join(", ")}` : "it syncs none of this workspace"})`,
        `name one it syncs${folder}; a Notion source that needs re-auth syncs again once it is reconnected`,
      );
    }
    const sources = source === undefined ? synced : [source];
    if (sources.length === 0) {
      throw new HandOffFailed(
        `it syncs no source of workspace "${workspaceId}"`,
        `check the workspace id; connect Notion (\`sabio connect notion --workspace ${workspaceId}\`) or, for a folder, run \`sabio ingest <folder> --workspace ${workspaceId}\``,
      );
    }
    output.note(
      `The embedded database is in use by \`sabio start\` (pid ${running.pid}): its sync role runs this sync.`,
    );
    const settings = { queues, logger, startIsAlive: () => isRunning(running.pid) };
    const summaries: SyncSummary[] = [];
    for (const connectionId of sources) {
      const base = { source: connectionId, label: connectionId };
      try {
        const result = await handSyncToStart(settings, { workspaceId, connectionId, mode: request.mode });
        summaries.push(
          result.status === "queued"
            ? { ...base, status: "queued", complete: false }
            : { ...base, ...doneSummary(result.outcome) },
        );
      } catch (error) {
        // As when syncing here: one source's error is the command's error.
        if (sources.length === 1 || !isAppError(error)) throw error;
        summaries.push({ ...base, status: "failed", complete: false, error: error.message });
      }
    }
    return summaries;
  } catch (error) {
    if (error instanceof HandOffFailed) throw startHoldsDatabaseError(env.DATA_DIR, running, "sync", error);
    throw error;
  }
}

function doneSummary(outcome: SyncJobOutcome): Omit<SyncSummary, "source" | "label"> {
  return { status: "done", ...outcome };
}
