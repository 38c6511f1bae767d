import { backfillVectors } from "#shared/knowledge/backfill-vectors.ts";
import { type IngestFolderDependencies, type IngestFolderRequest, ingestFolder } from "./ingest-folder.ts";

/** What an ingest did, as `sabio ingest` prints it (and `--json` gives it). */
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

export interface IngestOutcome {
  summary: IngestSummary;
  /** True when this ingest connected the folder as a new source. */
  created: boolean;
  /** Each kind of failure's fix once (not once per file), for the person reading the report. */
  hints: string[];
}

/**
 * Ingests a folder and, when the embedder works, fills in vectors earlier runs left missing. The
 * CLI runs it itself, or hands it to the running `sabio start` (workers/ingest) which runs this too.
 */
export async function ingestFolderSummary(
  dependencies: IngestFolderDependencies,
  request: IngestFolderRequest,
): Promise<IngestOutcome> {
  const result = await ingestFolder(dependencies, request);
  const { report, folder, connection } = result;
  let { embedded, pendingVectors } = report;
  if (pendingVectors === 0 && dependencies.embedder) {
    // The embedder works: fill in vectors left missing by earlier runs while it was down.
    const backfill = await backfillVectors(
      { ...dependencies, embedder: dependencies.embedder },
      request.workspaceId,
    );
    embedded += backfill.embedded;
    if (backfill.incomplete)
      pendingVectors = (await dependencies.store.chunksMissingVectors(request.workspaceId, 10_000)).length;
  }
  const settings = connection.settings as { path?: string; baseUrl?: string };
  const summary: IngestSummary = {
    source: connection.id,
    path: settings.path ?? request.path,
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
  const hints = [...new Set(folder.failed.flatMap((failure) => failure.error.hint ?? []))];
  return { summary, created: result.created, hints };
}
