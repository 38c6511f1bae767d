import { resolve, sep } from "node:path";
import { readFolderDocuments } from "#connectors/files/read-folder-documents.ts";
import { ensureWorkspace } from "#shared/db/workspace-repository.ts";
import { backfillVectors } from "#shared/knowledge/backfill-vectors.ts";
import { indexDocuments } from "#shared/knowledge/index-documents.ts";
import { parseWorkspaceId } from "#shared/workspace/workspace-id.ts";
import { type Output, printJson } from "../output.ts";
import type { CommandLine } from "../parse-command-line.ts";
import type { Services } from "../services.ts";
import { UsageError } from "../usage-error.ts";

export interface IngestSummary {
  documents: number;
  chunks: number;
  embedded: number;
  unchanged: number;
  deleted: number;
  failed: { path: string; error: string }[];
  skipped: { path: string; reason: string }[];
  /** Chunks waiting for a dense vector (embedder unavailable); lexical search already finds them. */
  pendingVectors: number;
}

/** `sabio ingest <path> --workspace <id>`: index a folder; files gone since last time are removed. */
export async function ingestCommand(
  services: Services,
  commandLine: CommandLine,
  output: Output,
): Promise<number> {
  const [path, ...extra] = commandLine.positionals;
  if (!path || extra.length > 0) throw new UsageError("ingest takes exactly one folder path.");
  if (!commandLine.workspace) throw new UsageError("ingest needs --workspace <id>.");
  const workspaceId = parseWorkspaceId(commandLine.workspace);
  const root = resolve(path);
  const folder = await readFolderDocuments(root, { workspaceId });
  const database = await services.database();
  await ensureWorkspace(database.db, workspaceId);
  const dependencies = {
    database,
    store: services.store(),
    embedder: services.embedder(),
    logger: services.logger,
  };
  // External ids are absolute paths so two folders ingested into one workspace never collide,
  // and "complete" deletion only looks inside the folder being ingested.
  const documents = folder.documents.map((document) => ({
    ...document,
    externalId: `${root}${sep}${document.externalId}`,
  }));
  const report = await indexDocuments(dependencies, {
    workspaceId,
    source: "files",
    documents,
    complete: true,
    scope: `${root}${sep}`,
  });
  let { embedded, pendingVectors } = report;
  if (pendingVectors === 0) {
    // The embedder works: fill in vectors left missing by earlier runs while it was down.
    const backfill = await backfillVectors({ ...dependencies, embedder: dependencies.embedder }, workspaceId);
    embedded += backfill.embedded;
    if (backfill.incomplete) pendingVectors = await countMissing(services, workspaceId);
  }
  const summary: IngestSummary = {
    documents: report.documents,
    chunks: report.chunks,
    embedded,
    unchanged: report.unchanged,
    deleted: report.deleted,
    failed: folder.failed.map((failure) => ({ path: failure.path, error: failure.error.message })),
    skipped: folder.skipped,
    pendingVectors,
  };
  if (commandLine.json) printJson(output, summary);
  else printSummary(output, workspaceId, summary);
  return 0;
}

async function countMissing(services: Services, workspaceId: string): Promise<number> {
  return (await services.store().chunksMissingVectors(workspaceId, 10_000)).length;
}

function printSummary(output: Output, workspaceId: string, summary: IngestSummary): void {
  output.out(
    `Workspace "${workspaceId}": ${summary.documents} documents, ${summary.chunks} chunks written, ` +
      `${summary.embedded} embedded, ${summary.unchanged} unchanged, ${summary.deleted} deleted, ${summary.failed.length} failed.`,
  );
  for (const failure of summary.failed) output.out(`  failed  ${failure.path}: ${failure.error}`);
  for (const skip of summary.skipped) output.out(`  skipped ${skip.path}: ${skip.reason}`);
  if (summary.pendingVectors > 0) {
    output.out(
      `  ${summary.pendingVectors} chunks have no dense vector yet (embedder unavailable): they are searchable by ` +
        "keyword now, and get vectors on the next ingest or from the answer worker.",
    );
  }
}
