import { connectNotionBudgetRedis } from "#connectors/notion/client/notion-budget-redis.ts";
import { type SyncMode, syncSource } from "#connectors/sources/sync-source.ts";
import { isAppError } from "#shared/errors/app-error.ts";
import { type Output, printJson } from "../output.ts";
import type { CommandLine } from "../parse-command-line.ts";
import { syncProgress } from "../progress/sync-progress.ts";
import { sourceAlertsFromEnv } from "../roles/source-alerts-from-env.ts";
import { findRunningStart } from "../running-start/running-start-file.ts";
import type { Services } from "../services.ts";
import { sourceSyncDependencies } from "../source-sync-dependencies.ts";
import { optionsOnlyWorkspace } from "./options-only-workspace.ts";
import { queueSyncAfterRunning } from "./queue-sync-after-running.ts";
import { syncInStart } from "./sync-in-start.ts";
import type { SyncSummary } from "./sync-summary.ts";
import { noSourcesError, workspaceConnections } from "./workspace-connections.ts";

/**
 * `sabio sync --workspace <id> [--source <id>] [--full]`: brings the index in line with the
 * workspace's sources now (folder sources only when named with --source: they are ingested again). Incremental by default (only what changed since the last sync is read);
 * `--full` lists everything and removes what is no longer visible — the only way to catch un-shared
 * pages — and only when the listing was complete: a sync that failed halfway never deletes.
 */
export async function syncCommand(
  services: Services,
  commandLine: CommandLine,
  output: Output,
): Promise<number> {
  const workspaceId = optionsOnlyWorkspace("sync", commandLine);
  const mode: SyncMode = commandLine.full ? "full" : "incremental";
  const running = services.env.DATABASE_URL ? undefined : await findRunningStart(services.env.DATA_DIR);
  if (running) {
    const request = {
      workspaceId,
      mode,
      ...(commandLine.source === undefined ? {} : { source: commandLine.source }),
    };
    return report(
      output,
      commandLine.json,
      workspaceId,
      await syncInStart(services, running, request, output),
    );
  }
  // The workers' shared Notion budget when Redis answers at once; this run's own otherwise.
  await using budgetRedis = await connectNotionBudgetRedis(services.env.REDIS_URL, services.logger);
  // Admins hear about a dead token however the sync was started (cron jobs run this command too).
  const dependencies = await sourceSyncDependencies(services, {
    alerts: sourceAlertsFromEnv(services),
    ...(budgetRedis.redis === undefined ? {} : { redis: budgetRedis.redis }),
  });
  // Kinds the sync role does not schedule (folders) are re-read only when named: a folder lives on
  // the machine that ingested it, and `sync` without --source is what cron and the sync role's peers
  // run for the remote sources.
  const connections = (await workspaceConnections(services, workspaceId, commandLine.source)).filter(
    (connection) =>
      commandLine.source !== undefined ||
      dependencies.connectors.find(connection.kind)?.syncMinutes !== undefined,
  );
  if (connections.length === 0) throw noSourcesError(workspaceId, services.env.SABIO_WORKSPACE);

  const summaries: SyncSummary[] = [];
  for (const connection of connections) {
    const base = { source: connection.id, label: connection.label ?? connection.id };
    try {
      const progress = syncProgress(output.terminal, { quiet: commandLine.json, label: base.label });
      const result = await syncSource(
        { ...dependencies, ...(progress.onProgress ? { onProgress: progress.onProgress } : {}) },
        { connectionId: connection.id, mode },
      ).finally(progress.stop);
      if (result.status === "busy") {
        // Only a kind the sync role schedules has a worker that may pick the queued run up.
        const queued =
          budgetRedis.redis !== undefined &&
          dependencies.connectors.find(connection.kind)?.syncMinutes !== undefined &&
          (await queueSyncAfterRunning(
            budgetRedis.redis,
            { prefix: services.env.QUEUE_PREFIX, logger: services.logger },
            { workspaceId, connectionId: connection.id, mode, reason: "manual" },
          ));
        summaries.push({ ...base, status: queued ? "queued" : "busy", complete: false });
        continue;
      }
      const { report } = result;
      summaries.push({
        ...base,
        status: "done",
        mode: report.mode,
        state: report.state,
        complete: report.complete,
        documents: report.documents,
        chunks: report.chunks,
        embedded: report.embedded,
        unchanged: report.unchanged,
        deleted: report.deleted,
        pendingVectors: report.pendingVectors,
        skipped: report.skipped,
        failed: report.failed.map((failure) => ({ id: failure.id, error: failure.error.message })),
      });
    } catch (error) {
      // One connection per run is the common case: its error is the command's error.
      if (connections.length === 1 || !isAppError(error)) throw error;
      summaries.push({ ...base, status: "failed", complete: false, error: error.message });
    }
  }

  return report(output, commandLine.json, workspaceId, summaries);
}

function report(output: Output, json: boolean, workspaceId: string, summaries: SyncSummary[]): number {
  if (json) printJson(output, summaries.length === 1 ? summaries[0] : { sources: summaries });
  else for (const summary of summaries) printSummary(output, workspaceId, summary);
  return summaries.every((summary) => summary.complete) ? 0 : 1;
}

function printSummary(output: Output, workspaceId: string, summary: SyncSummary): void {
  if (summary.status === "busy" || summary.status === "queued") {
    const after =
      summary.status === "queued"
        ? "one more run is queued right after it"
        : "its result will show in `sabio sources`";
    output.out(`${summary.label} → workspace "${workspaceId}": a sync is already running; ${after}.`);
    return;
  }
  if (summary.status === "failed") {
    output.out(`${summary.label} → workspace "${workspaceId}": ${summary.error}`);
    return;
  }
  output.out(
    `${summary.label} → workspace "${workspaceId}" (${summary.mode}): ${summary.documents} documents read, ` +
      `${summary.chunks} chunks written, ${summary.embedded} embedded, ${summary.unchanged} unchanged, ` +
      `${summary.deleted} deleted, ${summary.failed?.length ?? 0} not read.`,
  );
  for (const failure of summary.failed ?? []) output.out(`  not read ${failure.id}: ${failure.error}`);
  if (!summary.complete)
    output.out("  Some of it could not be read, so nothing was deleted; the next sync tries again.");
}
