import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { readFolderDocuments } from "../connectors/files/read-folder-documents.ts";
import { chunkMarkdown } from "../shared/knowledge/chunk/chunk-markdown.ts";
import type { DocumentAccess } from "../shared/knowledge/document.ts";
import { chunkId } from "../shared/knowledge/ids.ts";
import { analyzeText } from "../shared/knowledge/lexical/analyze-text.ts";
import { lexicalVector } from "../shared/knowledge/lexical/lexical-vector.ts";
import { searchKnowledge } from "../shared/knowledge/search-knowledge.ts";
import { type AccessViewer, viewerKeys } from "../shared/knowledge/store/access-keys.ts";
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
  /** The same queries as a viewer (access filter on both legs). */
  withAccess: { p50Ms: number; p99Ms: number; keys: number };
}

const dimensions = 256;

/**
 * Most chunks open to everyone, some shared as Drive shares files: 1 in 20 with one person, 1 in
 * 20 with the domain, 1 in 20 with a group. The viewer holds a handful of keys (everyone, their
 * email, their domain, four groups), as a Slack asker with Directory groups would.
 */
function benchAccess(index: number): DocumentAccess | null {
  switch (index % 20) {
    case 0:
      return { users: [`person${index % 500}@example.com`] };
    case 1:
      return { domains: ["example.com"] };
    case 2:
      return { groups: [`team${index % 50}@example.com`] };
    default:
      return null;
  }
}
const benchViewer: AccessViewer = {
  email: "person20@example.com",
  groups: ["team2@example.com", "team12@example.com", "team22@example.com", "team32@example.com"],
};

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
 * on LanceDB at the given sizes, 256-dimension vectors, with an instant embedder; each query also
 * as a viewer, so the access filter's cost shows beside the unfiltered search.
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
            access: benchAccess(Math.floor(index / 8)),
          });
        }
        await store.upsert("bench", batch);
      }
      await store.optimize("bench");
      const loadSeconds = (performance.now() - started) / 1000;
      const embedder = instantEmbedder(dimensions);
      const samples: number[] = [];
      const filtered: number[] = [];
      const timed = async (query: string, viewer: AccessViewer | undefined) => {
        const begin = performance.now();
        await searchKnowledge({ store, embedder, logger }, "bench", query, { limit: 10, viewer });
        return performance.now() - begin;
      };
      for (let index = 0; index < queries + 20; index += 1) {
        const words = (texts[(index * 97) % texts.length]?.text ?? "").split(/\s+/).slice(5, 12).join(" ");
        const query = words || "handbook";
        // Alternating which runs first, so neither gets the other's warm caches every time.
        const first = index % 2 === 0 ? undefined : benchViewer;
        const firstMs = await timed(query, first);
        const secondMs = await timed(query, first ? undefined : benchViewer);
        if (index < 20) continue; // the first 20 warm caches up
        samples.push(first ? secondMs : firstMs);
        filtered.push(first ? firstMs : secondMs);
      }
      results.push({
        chunks: size,
        loadSeconds,
        queries,
        p50Ms: percentile(samples, 0.5),
        p99Ms: percentile(samples, 0.99),
        withAccess: {
          p50Ms: percentile(filtered, 0.5),
          p99Ms: percentile(filtered, 0.99),
          keys: viewerKeys(benchViewer).length,
        },
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
    ...results.flatMap((row) => [
      `  ${String(row.chunks).padStart(7)} chunks: p50 ${row.p50Ms.toFixed(1)} ms, p99 ${row.p99Ms.toFixed(1)} ms over ${row.queries} queries (loaded in ${row.loadSeconds.toFixed(1)} s)`,
      `  ${String(row.chunks).padStart(7)} chunks with access filter (${row.withAccess.keys} keys): p50 ${row.withAccess.p50Ms.toFixed(1)} ms, p99 ${row.withAccess.p99Ms.toFixed(1)} ms`,
    ]),
  ].join("\n");
}

if (import.meta.main) {
  const sizes = process.argv
    .slice(2)
    .map(Number)
    .filter((value) => value > 0);
  console.log(formatSearchLatency(await runSearchLatencyBench(sizes.length > 0 ? sizes : undefined)));
}
