import { loadDotEnv, parseEnv } from "../shared/config/load-env.ts";
import { answerBankBench } from "./answer-bank-bench.ts";
import { formatAnswerQualityBench, runAnswerQualityBench } from "./answer-quality.ts";
import { formatDatasetBench, runDatasetBench } from "./dataset-bench.ts";
import { formatDiscordBench, runDiscordBench } from "./discord-bench.ts";
import { driveBenchFiles, runDriveSyncBench } from "./drive-sync.ts";
import { formatDriveSyncBench } from "./drive-sync-report.ts";
import { type FairnessResult, formatFairnessBench, runFairnessBench } from "./fairness.ts";
import { formatIngestBench, runIngestBench } from "./ingest-throughput.ts";
import { formatKillMidAnswerBench, runKillMidAnswerBench } from "./kill-mid-answer.ts";
import { formatNotionSyncBench, notionBenchPages, runNotionSyncBench } from "./notion-sync.ts";
import { runQueueLatencyBench } from "./queue-latency.ts";
import { formatRetrievalBench, runRetrievalBench, squadEsPath } from "./retrieval-squad.ts";
import { formatRoleMemoryBench, runRoleMemoryBench } from "./role-memory.ts";
import { formatSearchLatency, runSearchLatencyBench } from "./search-latency.ts";
import { formatSlackBench, runSlackBench } from "./slack-bench.ts";
import { storeRetrievalPath } from "./store-retrieval-path.ts";
import { formatTelemetryBench, runTelemetryBench } from "./telemetry-bench.ts";
import { formatWebhooksBench, runWebhooksBench } from "./webhooks-bench.ts";

/**
 * `npm run bench [-- name…]`: runs the benchmarks (all by default) and prints their tables.
 * Figures go into docs/BENCHMARKS.md with the machine they ran on.
 */
const benches: Record<string, () => Promise<string>> = {
  async retrieval() {
    const path = await storeRetrievalPath();
    try {
      const result = await runRetrievalBench(path);
      return result
        ? formatRetrievalBench(result)
        : `retrieval: skipped, dataset not found at ${squadEsPath}`;
    } finally {
      await path.dispose();
    }
  },
  async "retrieval-variants"() {
    const result = await runRetrievalBench(undefined);
    return result ? formatRetrievalBench(result) : `retrieval: skipped, dataset not found at ${squadEsPath}`;
  },
  async answers() {
    const result = await runAnswerQualityBench();
    return result ? formatAnswerQualityBench(result) : "answers: skipped, handbooks not found";
  },
  "answer-bank": answerBankBench,
  async ingest() {
    const result = await runIngestBench();
    return result ? formatIngestBench(result) : "ingest: skipped, corpus not found";
  },
  async search() {
    return formatSearchLatency(await runSearchLatencyBench());
  },
  async queue() {
    loadDotEnv();
    const env = parseEnv(process.env);
    const lines = ["Queue: question enqueued → worker starts (target p50 ≤ 5 ms)"];
    for (const concurrency of [1, 16]) {
      const result = await runQueueLatencyBench({ redisUrl: env.REDIS_URL, concurrency });
      lines.push(
        `  concurrency ${String(concurrency).padStart(2)}: p50 ${result.p50Ms.toFixed(2)} ms, p99 ${result.p99Ms.toFixed(2)} ms, ${Math.round(result.jobsPerSecond)} jobs/s (n=${result.n})`,
      );
    }
    return lines.join("\n");
  },
  async fairness() {
    loadDotEnv();
    const env = parseEnv(process.env);
    const results: FairnessResult[] = [];
    for (const fair of [true, false]) {
      for (const processMs of [10, 50]) {
        results.push(await runFairnessBench({ redisUrl: env.REDIS_URL, fair, processMs }));
      }
    }
    return formatFairnessBench(results);
  },
  async slack() {
    return formatSlackBench(await runSlackBench());
  },
  async dataset() {
    return formatDatasetBench(await runDatasetBench(Number(process.env.DATASET_BENCH_APPROVALS ?? 5000)));
  },
  async discord() {
    return formatDiscordBench(await runDiscordBench());
  },
  async crash() {
    return formatKillMidAnswerBench(await runKillMidAnswerBench());
  },
  async memory() {
    return formatRoleMemoryBench(await runRoleMemoryBench());
  },
  async "notion-sync"() {
    loadDotEnv();
    const env = parseEnv(process.env);
    const pages = notionBenchPages(process.env);
    return formatNotionSyncBench(await runNotionSyncBench({ redisUrl: env.REDIS_URL, pages }));
  },
  async webhooks() {
    loadDotEnv();
    const env = parseEnv(process.env);
    const databaseUrl = env.DATABASE_URL ?? process.env.BENCH_DATABASE_URL;
    return formatWebhooksBench(await runWebhooksBench({ redisUrl: env.REDIS_URL, databaseUrl }));
  },
  async telemetry() {
    return formatTelemetryBench(await runTelemetryBench(Number(process.env.TELEMETRY_BENCH_ANSWERS ?? 500)));
  },
  async drive() {
    loadDotEnv();
    const env = parseEnv(process.env);
    const files = driveBenchFiles(process.env);
    return formatDriveSyncBench(await runDriveSyncBench({ redisUrl: env.REDIS_URL, files }));
  },
};

const wanted = process.argv.slice(2);
const unknown = wanted.filter((name) => !(name in benches));
if (unknown.length > 0) {
  console.error(`Unknown benchmark ${unknown.join(", ")}. Available: ${Object.keys(benches).join(", ")}`);
  process.exit(2);
}
console.log(
  `Machine: ${(await import("node:os")).cpus().length} cores, Node ${process.version}, ${new Date().toISOString()}`,
);
for (const name of wanted.length > 0 ? wanted : Object.keys(benches)) {
  const started = performance.now();
  console.log(
    `\n== ${name}\n${await benches[name]?.()}\n(${((performance.now() - started) / 1000).toFixed(1)} s)`,
  );
}
process.exit(0);
