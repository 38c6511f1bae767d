import { ingestFolder } from "#connectors/files/ingest-folder.ts";
import { parseBaseUrl } from "#connectors/files/published-url.ts";
import { isAppError } from "#shared/errors/app-error.ts";
import { backfillVectors } from "#shared/knowledge/backfill-vectors.ts";
import { parseWorkspaceId } from "#shared/workspace/workspace-id.ts";
import { type Output, printJson } from "../output.ts";
import type { CommandLine } from "../parse-command-line.ts";
import { ingestProgressBar } from "../progress/ingest-progress-bar.ts";
import { refuseWhileStartHoldsDatabase } from "../running-start/refuse-while-start-holds-database.ts";
import type { Services } from "../services.ts";
import { UsageError } from "../usage-error.ts";

export interface IngestSummary {
  /** The folder's source connection (`sabio sources`, `--source`). */
  source: string;
  path: string;
  /** Where the connection pointed before, when this ingest re-pointed a moved folder. */
  movedFrom?: string;
  baseUrl?: string;
  documents: number;
  chunks: number;
  embedded: number;
  unchanged: number;
  deleted: number;
  /** Unreadable this time: their last good version stays indexed. */
  failed: { path: string; error: string }[];
  skipped: { path: string; reason: string }[];
  /** Chunks waiting for a dense vector (embedder unavailable); lexical search already finds them. */
  pendingVectors: number;
}

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
  await refuseWhileStartHoldsDatabase(services.env, "ingest");
  const dependencies = {
    database: await services.database(),
    store: services.store(),
    embedder: services.embedder(),
    logger: services.logger,
  };
  const progress = ingestProgressBar(output.terminal, { quiet: commandLine.json });
  const result = await ingestFolder(
    { ...dependencies, ...(progress.onProgress ? { onProgress: progress.onProgress } : {}) },
    {
      workspaceId,
      path,
      ...(commandLine.source === undefined ? {} : { connectionId: commandLine.source }),
      ...(baseUrl === undefined ? {} : { baseUrl }),
    },
  ).finally(progress.stop);
  const { report, folder, connection } = result;
  let { embedded, pendingVectors } = report;
  if (pendingVectors === 0) {
    // The embedder works: fill in vectors left missing by earlier runs while it was down.
    const backfill = await backfillVectors({ ...dependencies, embedder: dependencies.embedder }, workspaceId);
    embedded += backfill.embedded;
    if (backfill.incomplete) pendingVectors = await countMissing(services, workspaceId);
  }
  const settings = connection.settings as { path?: string; baseUrl?: string };
  const summary: IngestSummary = {
    source: connection.id,
    path: settings.path ?? path,
    ...(result.movedFrom === undefined ? {} : { movedFrom: result.movedFrom }),
    ...(settings.baseUrl === undefined ? {} : { baseUrl: settings.baseUrl }),
    documents: report.documents,
    chunks: report.chunks,
    embedded,
    unchanged: report.unchanged,
    deleted: report.deleted + result.legacyRemoved,
    failed: folder.failed.map((failure) => ({ path: failure.path, error: failure.error.message })),
    skipped: folder.skipped,
    pendingVectors,
  };
  if (commandLine.json) printJson(output, summary);
  else {
    // Each kind of failure's fix once, not once per file.
    const hints = new Set(folder.failed.flatMap((failure) => failure.error.hint ?? []));
    printSummary(output, workspaceId, summary, result.created, [...hints]);
  }
  return nothingRead(summary) ? 1 : 0;
}

/** Every file failed and none was indexed: the ingest did not do its job, whatever stayed indexed. */
function nothingRead(summary: IngestSummary): boolean {
  return summary.failed.length > 0 && summary.documents === 0;
}

async function countMissing(services: Services, workspaceId: string): Promise<number> {
  return (await services.store().chunksMissingVectors(workspaceId, 10_000)).length;
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
