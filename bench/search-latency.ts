import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { readFolderDocuments } from "../connectors/files/read-folder-documents.ts";
import { chunkMarkdown } from "../shared/knowledge/chunk/chunk-markdown.ts";
import { chunkId } from "../shared/knowledge/ids.ts";
import { analyzeText } from "../shared/knowledge/lexical/analyze-text.ts";
import { lexicalVector } from "../shared/knowledge/lexical/lexical-vector.ts";
import { searchKnowledge } from "../shared/knowledge/search-knowledge.ts";
import { createLanceDbStore } from "../shared/knowledge/store/lancedb-store.ts";
import type { ChunkRecord } from "../shared/knowledge/store/vector-store.ts";
import { createLogger } from "../shared/log/logger.ts";
import { percentile } from "./bench-workspace.ts";
import { sourcegraphPath } from "./ingest-throughput.ts";
import { instantEmbedder, pseudoVector } from "./instant-embedder.ts";

export interface SearchLatencyResult {
  chunks: number;
  loadSeconds: number;
  queries: number;
  p50Ms: number;
  p99Ms: number;
}

const dimensions = 256;

/** Real chunk texts (Sourcegraph handbook), repeated with a distinct tag until there are `size`. */
async function corpusTexts(): Promise<{ title: string; text: string }[]> {
  const read = await readFolderDocuments(sourcegraphPath, { workspaceId: "bench" });
  return read.documents.flatMap((document) =>
    chunkMarkdown(document.content, { title: document.title }).map((chunk) => ({
      title: document.title,
      text: chunk.text,
    })),
  );
}

/**
 * Hybrid search latency (query analysis + query embedding + dense and full-text search + fusion)
 * on LanceDB at the given sizes, 256-dimension vectors, with an instant embedder.
 */
export async function runSearchLatencyBench(
  sizes = [10_000, 100_000],
  queries = 200,
): Promise<SearchLatencyResult[]> {
  if (!existsSync(sourcegraphPath)) return [];
  const texts = await corpusTexts();
  const logger = createLogger({ level: "warn" });
  const results: SearchLatencyResult[] = [];
  for (const size of sizes) {
    const directory = await mkdtemp(join(tmpdir(), "sabio-bench-search-"));
    const store = createLanceDbStore({ directory, dimensions });
    try {
      const started = performance.now();
      for (let offset = 0; offset < size; offset += 5_000) {
        const batch: ChunkRecord[] = [];
        for (let index = offset; index < Math.min(size, offset + 5_000); index += 1) {
          const source = texts[index % texts.length] ?? { title: "", text: "" };
          const text = `${source.text}\n(copy ${Math.floor(index / texts.length)})`;
          const terms = analyzeText(text);
          const documentId = `doc-${Math.floor(index / 8)}`;
          batch.push({
            id: chunkId(documentId, index % 8),
            documentId,
            source: "files",
            chunkIndex: index % 8,
            title: source.title,
            url: `bench/${documentId}`,
            text,
            lexicalText: terms.join(" "),
            lexical: lexicalVector(terms),
            vector: pseudoVector(text, dimensions),
            updatedAt: new Date(0).toISOString(),
          });
        }
        await store.upsert("bench", batch);
      }
      await store.optimize("bench");
      const loadSeconds = (performance.now() - started) / 1000;
      const embedder = instantEmbedder(dimensions);
      const samples: number[] = [];
      for (let index = 0; index < queries + 20; index += 1) {
        const words = (texts[(index * 97) % texts.length]?.text ?? "").split(/\s+/).slice(5, 12).join(" ");
        const begin = performance.now();
        await searchKnowledge({ store, embedder, logger }, "bench", words || "handbook", { limit: 10 });
        if (index >= 20) samples.push(performance.now() - begin); // the first 20 warm caches up
      }
      results.push({
        chunks: size,
        loadSeconds,
        queries,
        p50Ms: percentile(samples, 0.5),
        p99Ms: percentile(samples, 0.99),
      });
    } finally {
      await store.close();
      await rm(directory, { recursive: true, force: true });
    }
  }
  return results;
}

export function formatSearchLatency(results: SearchLatencyResult[]): string {
  return [
    "Hybrid search latency, LanceDB, 256-dim vectors (target p50 ≤ 50 ms, p99 ≤ 150 ms)",
    ...results.map(
      (row) =>
        `  ${String(row.chunks).padStart(7)} chunks: p50 ${row.p50Ms.toFixed(1)} ms, p99 ${row.p99Ms.toFixed(1)} ms over ${row.queries} queries (loaded in ${row.loadSeconds.toFixed(1)} s)`,
    ),
  ].join("\n");
}

if (import.meta.main) {
  const sizes = process.argv
    .slice(2)
    .map(Number)
    .filter((value) => value > 0);
  console.log(formatSearchLatency(await runSearchLatencyBench(sizes.length > 0 ? sizes : undefined)));
}
