import { existsSync } from "node:fs";
import path from "node:path";
import { readFolderDocuments } from "../connectors/files/read-folder-documents.ts";
import { indexDocuments } from "../shared/knowledge/index-documents.ts";
import { createLogger } from "../shared/log/logger.ts";
import { recordingStore } from "../test/helpers/recording-store.ts";
import { benchWorkspace } from "./bench-workspace.ts";
import { instantEmbedder } from "./instant-embedder.ts";

export const sourcegraphPath = path.resolve(
  import.meta.dirname,
  "../../shared/datasets/handbooks/sourcegraph/content",
);

export interface IngestBenchResult {
  documents: number;
  chunks: number;
  seconds: number;
  chunksPerSecond: number;
  reingest: { seconds: number; embeddingCalls: number; writes: number; unchanged: number };
}

/**
 * Ingest throughput of our own pipeline (read + parse + chunk + hash + lexical + store + ledger)
 * with an embedder that answers instantly; then the same corpus again, which must cost nothing.
 */
export async function runIngestBench(folder = sourcegraphPath): Promise<IngestBenchResult | undefined> {
  if (!existsSync(folder)) return undefined;
  const setup = await benchWorkspace();
  const logger = createLogger({ level: "warn" });
  const embedder = instantEmbedder();
  const recorded = recordingStore(setup.store);
  const ingest = async () => {
    const read = await readFolderDocuments(folder, { workspaceId: "bench" });
    return indexDocuments(
      { database: setup.database, store: recorded.store, embedder, logger },
      { workspaceId: "bench", source: "files", documents: read.documents, complete: true },
    );
  };
  try {
    let started = performance.now();
    const first = await ingest();
    const seconds = (performance.now() - started) / 1000;
    recorded.reset();
    const callsBefore = embedder.calls;
    started = performance.now();
    const second = await ingest();
    const reingestSeconds = (performance.now() - started) / 1000;
    const writes = recorded.calls.upsert + recorded.calls.deleteDocumentChunks + recorded.calls.setVectors;
    return {
      documents: first.documents,
      chunks: first.chunks,
      seconds,
      chunksPerSecond: first.chunks / seconds,
      reingest: {
        seconds: reingestSeconds,
        embeddingCalls: embedder.calls - callsBefore,
        writes,
        unchanged: second.unchanged,
      },
    };
  } finally {
    await setup.dispose();
  }
}

export function formatIngestBench(result: IngestBenchResult): string {
  return [
    `Ingest: ${result.documents} documents, ${result.chunks} chunks in ${result.seconds.toFixed(2)} s = ${Math.round(result.chunksPerSecond)} chunks/s (target ≥ 1,000)`,
    `Re-ingest, nothing changed: ${result.reingest.seconds.toFixed(2)} s, ${result.reingest.embeddingCalls} embedding calls, ${result.reingest.writes} vector writes, ${result.reingest.unchanged} unchanged (target 0, 0, ≤ 5 s)`,
  ].join("\n");
}

if (import.meta.main) {
  const result = await runIngestBench();
  console.log(result ? formatIngestBench(result) : `ingest: skipped, corpus not found at ${sourcegraphPath}`);
}
