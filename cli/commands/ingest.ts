import { resolve } from "node:path";
import type { IngestFolderRequest } from "#connectors/files/ingest-folder.ts";
import {
  type IngestOutcome,
  type IngestSummary,
  ingestFolderSummary,
} from "#connectors/files/ingest-folder-summary.ts";
import type { OnIngestProgress } from "#connectors/files/ingest-progress.ts";
import { parseBaseUrl } from "#connectors/files/published-url.ts";
import { isAppError } from "#shared/errors/app-error.ts";
import { parseWorkspaceId } from "#shared/workspace/workspace-id.ts";
import { type Output, printJson } from "../output.ts";
import type { CommandLine } from "../parse-command-line.ts";
import { ingestProgressBar } from "../progress/ingest-progress-bar.ts";
import { handIngestToStart } from "../running-start/hand-ingest-to-start.ts";
import { HandOffFailed } from "../running-start/hand-off-failed.ts";
import { findRunningStart, isRunning } from "../running-start/running-start-file.ts";
import { startHoldsDatabaseError } from "../running-start/start-holds-database-error.ts";
import { startQueues } from "../running-start/start-queues.ts";
import type { Services } from "../services.ts";
import { UsageError } from "../usage-error.ts";

/**
 * `sabio ingest <path> --workspace <id> [--source <id>] [--base-url <url>]`: index a folder as a
 * source of the workspace; files gone since last time are removed, files that could not be read
 * keep their last good version. `--source` re-points a folder connection at a moved folder.
 */
export async function ingestCommand(
  services: Services,
  commandLine: CommandLine,
  output: Output,
): Promise<number> {
  const [path, ...extra] = commandLine.positionals;
  if (!path || extra.length > 0) throw new UsageError("ingest takes exactly one folder path.");
  if (!commandLine.workspace) throw new UsageError("ingest needs --workspace <id>.");
  const workspaceId = parseWorkspaceId(commandLine.workspace);
  let baseUrl: string | undefined;
  if (commandLine.baseUrl !== undefined) {
    try {
      baseUrl = parseBaseUrl(commandLine.baseUrl).toString();
    } catch (error) {
      throw new UsageError(isAppError(error) ? error.message : String(error));
    }
  }
  const request = {
    workspaceId,
    path: resolve(path),
    ...(commandLine.source === undefined ? {} : { connectionId: commandLine.source }),
    ...(baseUrl === undefined ? {} : { baseUrl }),
  };
  const progress = ingestProgressBar(output.terminal, { quiet: commandLine.json });
  const { summary, created, hints } = await ingestHereOrInStart(
    services,
    request,
    progress.onProgress,
    output,
  ).finally(progress.stop);
  if (commandLine.json) printJson(output, summary);
  else printSummary(output, workspaceId, summary, created, hints);
  return nothingRead(summary) ? 1 : 0;
}

/** Every file failed and none was indexed: the ingest did not do its job, whatever stayed indexed. */
function nothingRead(summary: IngestSummary): boolean {
  return summary.failed.length > 0 && summary.documents === 0;
}

/**
 * Ingests in this process, or — when a running `sabio start` holds the embedded database and takes
 * ingests — hands the work to it and relays its progress. When that start cannot be reached, says
 * what to do instead (exit 2).
 */
async function ingestHereOrInStart(
  services: Services,
  request: IngestFolderRequest,
  onProgress: OnIngestProgress | undefined,
  output: Output,
): Promise<IngestOutcome> {
  const { env } = services;
  const running = env.DATABASE_URL ? undefined : await findRunningStart(env.DATA_DIR);
  if (running) {
    const { ingestSecret, queues } = running;
    if (running.database !== "embedded" || queues === undefined)
      throw startHoldsDatabaseError(env.DATA_DIR, running, "ingest");
    if (ingestSecret === undefined) {
      const why = new HandOffFailed(
        "it does not run the answer role, which takes ingests",
        "restart it with the answer role (`sabio start` runs it by default; or name it: `sabio start answer …`), then run the ingest again",
      );
      throw startHoldsDatabaseError(env.DATA_DIR, running, "ingest", why);
    }
    output.note(
      `The embedded database is in use by \`sabio start\` (pid ${running.pid}): it runs this ingest.`,
    );
    try {
      return await handIngestToStart(
        {
          queues: startQueues(queues, env.REDIS_URL, "ingest"),
          logger: services.logger,
          startIsAlive: () => isRunning(running.pid),
        },
        ingestSecret,
        request,
        onProgress,
      );
    } catch (error) {
      if (error instanceof HandOffFailed)
        throw startHoldsDatabaseError(env.DATA_DIR, running, "ingest", error);
      throw error;
    }
  }
  const dependencies = {
    database: await services.database(),
    store: services.store(),
    embedder: services.embedder(),
    logger: services.logger,
    ...(onProgress ? { onProgress } : {}),
  };
  return ingestFolderSummary(dependencies, request);
}

function printSummary(
  output: Output,
  workspaceId: string,
  summary: IngestSummary,
  created: boolean,
  hints: string[],
): void {
  const connected = created
    ? "connected as"
    : summary.movedFrom
      ? `moved from ${summary.movedFrom}, source`
      : "source";
  output.out(`${summary.path} (${connected} ${summary.source})`);
  output.out(
    `Workspace "${workspaceId}": ${summary.documents} documents, ${summary.chunks} chunks written, ` +
      `${summary.embedded} embedded, ${summary.unchanged} unchanged, ${summary.deleted} deleted, ${summary.failed.length} failed.`,
  );
  for (const failure of summary.failed)
    output.out(`  failed  ${failure.path}: ${failure.error} (its last good version, if any, stays indexed)`);
  for (const hint of hints) output.out(`  to fix: ${hint}`);
  for (const skip of summary.skipped) output.out(`  skipped ${skip.path}: ${skip.reason}`);
  if (nothingRead(summary))
    output.note(`No file in ${summary.path} could be read: nothing was indexed (see the reasons above).`);
  if (summary.pendingVectors > 0) {
    output.out(
      `  ${summary.pendingVectors} chunks have no dense vector yet (embedder unavailable): they are searchable by ` +
        "keyword now, and get vectors on the next ingest or from the answer worker.",
    );
  }
}
