import { randomBytes, randomUUID } from "node:crypto";
import { Redis } from "ioredis";
import { createDriveRequestLimiter } from "#connectors/drive/client/drive-request-budget.ts";
import type { SyncMode } from "#connectors/sources/sync-source.ts";
import { listIndexedSourceDocuments } from "#shared/db/source-connection-repository.ts";
import { createOllamaEmbedder } from "#shared/knowledge/embed/ollama-embedder.ts";
import { createLogger } from "#shared/log/logger.ts";
import { type DriveStandIn, startDriveStandIn } from "#test/stand-ins/drive/drive-server.ts";
import { type OllamaStandIn, startOllamaStandIn } from "#test/stand-ins/ollama-server.ts";
import { benchDrive, type DriveBenchSetup, openDriveBenchSetup } from "./drive-bench-setup.ts";
import { type DriveCorpus, makeDriveCorpus } from "./drive-corpus.ts";
import type { DrivePass, DriveSyncBenchResult } from "./drive-sync-report.ts";
import { type BudgetWaits, timedLimiter } from "./timed-limiter.ts";

export interface DriveSyncBenchOptions {
  redisUrl: string;
  /** Files in the stand-in Drive (default 500; BENCH_DRIVE_FILES in `npm run bench`). */
  files?: number;
}

const noWaits: BudgetWaits = { waited: 0, totalMs: 0, heldMs: 0 };

/**
 * A first full Drive sync of a generated corpus, once without a budget (our own cost) and once
 * through Drive's per-credential budget at its default rate in a real Redis, the time requests
 * waited for their slots measured apart; then, on that index, an incremental sync with nothing
 * changed, one after a single Doc was edited, and the daily full pass with nothing changed. The Drive
 * and Ollama stand-ins run in this process; PGlite and LanceDB in a temp dir.
 */
export async function runDriveSyncBench(options: DriveSyncBenchOptions): Promise<DriveSyncBenchResult> {
  const logger = createLogger({ level: "warn" });
  const drive = await startDriveStandIn();
  const ollama = await startOllamaStandIn();
  const redis = new Redis(options.redisUrl, { lazyConnect: true });
  const prefix = `sabio-bench-${randomUUID().slice(0, 8)}`;
  try {
    await redis.connect();
    const corpus = await makeDriveCorpus(drive, options.files ?? 500);
    const embedder = createOllamaEmbedder({ host: ollama.host, dimensions: 256 });
    const encryptionKey = randomBytes(32).toString("base64");
    const base = { drive, embedder, logger, encryptionKey };

    const unlimitedSetup = await openDriveBenchSetup(base, undefined);
    let unlimited: DrivePass;
    try {
      unlimited = await measurePass(unlimitedSetup, "full", { drive, ollama });
    } finally {
      await unlimitedSetup.dispose();
    }

    const limiter = timedLimiter(createDriveRequestLimiter({ redis, prefix, logger }));
    const setup = await openDriveBenchSetup(base, limiter);
    try {
      const measure = (mode: SyncMode) => measurePass(setup, mode, { drive, ollama, limiter });
      const limited = await measure("full");
      const noChange = await measure("incremental");
      const oneEdit = await measureOneEdit(setup, corpus, drive, () => measure("incremental"));
      const fullNoChange = await measure("full");
      return { corpus, unlimited, limited, noChange, oneEdit, fullNoChange };
    } finally {
      await setup.dispose();
    }
  } finally {
    const keys = await redis.keys(`${prefix}:*`).catch(() => []);
    if (keys.length > 0) await redis.del(...keys);
    redis.disconnect();
    await drive.close();
    await ollama.stop();
  }
}

async function measurePass(
  setup: DriveBenchSetup,
  mode: SyncMode,
  context: { drive: DriveStandIn; ollama: OllamaStandIn; limiter?: ReturnType<typeof timedLimiter> },
): Promise<DrivePass> {
  const { drive, ollama, limiter } = context;
  const callsBefore = drive.calls.length;
  const embedsBefore = ollama.requestsTo("/api/embed").length;
  const waitsBefore = limiter?.snapshot() ?? noWaits;
  const started = performance.now();
  const result = await setup.sync(mode);
  const seconds = (performance.now() - started) / 1000;
  if (result.status !== "done") throw new Error(`the ${mode} sync did not run: ${result.status}`);
  const { report } = result;
  if (!report.complete || report.failed.length > 0) {
    const reasons = report.failed.map((failure) => `${failure.id}: ${failure.error.message}`);
    throw new Error(`the ${mode} Drive sync was incomplete: ${reasons.join("; ")}`);
  }
  const calls = drive.calls.slice(callsBefore);
  const byRoute: Record<string, number> = {};
  for (const call of calls) byRoute[call.route] = (byRoute[call.route] ?? 0) + 1;
  const embeds = ollama.requestsTo("/api/embed").slice(embedsBefore);
  const waits = limiter?.snapshot() ?? noWaits;
  const heldSeconds = (waits.heldMs - waitsBefore.heldMs) / 1000;
  return {
    seconds,
    byRoute,
    apiCalls: calls.filter((call) => !call.route.startsWith("oauth.")).length,
    failedCalls: calls.filter((call) => call.status >= 400).length,
    downloads: byRoute["files.download"] ?? 0,
    exports: byRoute["files.export"] ?? 0,
    exportedIds: calls.filter((call) => call.route === "files.export").map((call) => call.path),
    embedCalls: embeds.length,
    embeddedTexts: embeds.reduce((sum, request) => sum + inputCount(request.body), 0),
    documents: report.documents,
    chunks: report.chunks,
    deleted: report.deleted,
    skipped: report.skipped.length,
    waitedRequests: waits.waited - waitsBefore.waited,
    heldSeconds,
    overheadSeconds: seconds - heldSeconds,
  };
}

async function measureOneEdit(
  setup: DriveBenchSetup,
  corpus: DriveCorpus,
  drive: DriveStandIn,
  measure: () => Promise<DrivePass>,
): Promise<DriveSyncBenchResult["oneEdit"]> {
  const edited = corpus.docIds[Math.floor(corpus.docIds.length / 2)];
  if (edited === undefined) throw new Error("the generated corpus has no Doc in My Drive");
  const chunksOf = async () =>
    (await listIndexedSourceDocuments(setup.database.db, benchDrive.workspaceId, benchDrive.source)).find(
      (document) => document.externalId === edited,
    )?.chunkCount ?? 0;
  const chunksBefore = await chunksOf();
  drive.setClock("2026-01-02T09:00:00.000Z");
  corpus.editDoc(edited);
  const pass = await measure();
  return {
    ...pass,
    fileChunks: await chunksOf(),
    fileChunksBefore: chunksBefore,
    editedFileExported: pass.exportedIds.length === 1 && pass.exportedIds[0]?.includes(edited) === true,
  };
}

function inputCount(body: unknown): number {
  const input = (body as { input?: unknown } | undefined)?.input;
  return Array.isArray(input) ? input.length : input === undefined ? 0 : 1;
}

/** BENCH_DRIVE_FILES (default 500): a smaller Drive for a quick run. */
export function driveBenchFiles(env: Record<string, string | undefined>): number {
  const files = Number(env.BENCH_DRIVE_FILES ?? 500);
  if (!Number.isInteger(files) || files < 40)
    throw new Error("BENCH_DRIVE_FILES must be a whole number ≥ 40");
  return files;
}
