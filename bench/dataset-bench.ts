import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openDatabase } from "../shared/db/open-database.ts";
import { buildDataset, type DatasetResult } from "../workers/train/dataset/build-dataset.ts";
import { loadGemmaTokenizer } from "../workers/train/dataset/gemma-tokenizer.ts";
import { seedApprovedAnswers } from "./dataset-corpus.ts";

export interface DatasetBenchResult {
  approvals: number;
  tokenizerSeconds: number;
  buildSeconds: number;
  /** Resident memory before the tokenizer loaded (database open, approvals seeded) and at the peak. */
  baselineRssMb: number;
  peakRssMb: number;
  result: DatasetResult;
}

/**
 * `npm run bench -- dataset`: buildDataset over generated approvals (DATASET_BENCH_APPROVALS, default
 * 5,000) in a fresh PGlite database, with the real Gemma 3 tokenizer and the default budget (2,048).
 * Seeding is not timed; the tokenizer's one-off load is timed apart from the build.
 */
export async function runDatasetBench(approvals: number): Promise<DatasetBenchResult> {
  const dir = await mkdtemp(join(tmpdir(), "sabio-dataset-bench-"));
  const database = await openDatabase({ dataDir: join(dir, "data") });
  try {
    await seedApprovedAnswers(database.db, "bench", approvals);
    const baselineRssMb = process.memoryUsage().rss / 2 ** 20;
    let peak = baselineRssMb;
    const sampler = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage().rss / 2 ** 20);
    }, 20);
    try {
      const loadStarted = performance.now();
      const tokenizer = await loadGemmaTokenizer();
      const tokenizerSeconds = (performance.now() - loadStarted) / 1000;
      const started = performance.now();
      const result = await buildDataset(
        { db: database.db, tokenizer: async () => tokenizer, settings: { maxSeqTokens: 2048, batchSize: 4 } },
        { workspaceId: "bench", outDir: join(dir, "dataset") },
      );
      const buildSeconds = (performance.now() - started) / 1000;
      peak = Math.max(peak, process.memoryUsage().rss / 2 ** 20);
      return { approvals, tokenizerSeconds, buildSeconds, baselineRssMb, peakRssMb: peak, result };
    } finally {
      clearInterval(sampler);
    }
  } finally {
    await database.close();
    await rm(dir, { recursive: true, force: true });
  }
}

export function formatDatasetBench(bench: DatasetBenchResult): string {
  const { result } = bench;
  const { counts } = result.manifest;
  const skippedBy = new Map<string, number>();
  for (const { reason } of result.skipped) {
    const kind = reason.replace(/ of .*| \d.*|:.*/, "");
    skippedBy.set(kind, (skippedBy.get(kind) ?? 0) + 1);
  }
  return [
    `Dataset build: ${bench.approvals} approvals (generated, PGlite, Gemma 3 tokenizer, budget 2048)`,
    `  build ${bench.buildSeconds.toFixed(1)} s (${((bench.buildSeconds * 1000) / bench.approvals).toFixed(2)} ms/approval); tokenizer load ${bench.tokenizerSeconds.toFixed(1)} s once`,
    `  memory: ${bench.baselineRssMb.toFixed(0)} MB RSS before, peak ${bench.peakRssMb.toFixed(0)} MB (+${(bench.peakRssMb - bench.baselineRssMb).toFixed(0)} MB with the tokenizer)`,
    `  lines: train ${result.train}, valid ${result.valid}, test ${result.test}; ${result.distractorExamples} distractor, ${result.refusals} refusal`,
    `  ${counts.clusters} distinct questions, ${counts.shortened} examples shortened, longest ${result.maxTokens} tokens`,
    `  skipped: ${[...skippedBy].map(([kind, count]) => `${count} ${kind}`).join(", ") || "none"}`,
  ].join("\n");
}
