import { randomUUID } from "node:crypto";
import { Redis } from "ioredis";
import type { NotionClientSettings } from "../connectors/notion/client/notion-client-for-connection.ts";
import {
  notionRequestBudget,
  notionRequestBurst,
} from "../connectors/notion/client/notion-request-budget.ts";
import { notionSourceConnector } from "../connectors/notion/notion-source-connector.ts";
import { internalNotionConnectionId } from "../connectors/notion/sync/internal-notion-connection-id.ts";
import { ensureEnvConnections } from "../connectors/sources/ensure-env-connections.ts";
import { sourceConnectors } from "../connectors/sources/source-connectors.ts";
import { type SyncMode, syncSource } from "../connectors/sources/sync-source.ts";
import { listIndexedSourceDocuments } from "../shared/db/source-connection-repository.ts";
import { createOllamaEmbedder } from "../shared/knowledge/embed/ollama-embedder.ts";
import { createLogger } from "../shared/log/logger.ts";
import {
  type GeneratedNotionWorkspace,
  makeNotionWorkspace,
} from "../test/fixtures/make-notion-workspace.ts";
import { type NotionStandIn, startNotionStandIn } from "../test/stand-ins/notion-server.ts";
import { type OllamaStandIn, startOllamaStandIn } from "../test/stand-ins/ollama-server.ts";
import { benchWorkspace } from "./bench-workspace.ts";

export interface NotionSyncBenchOptions {
  redisUrl: string;
  /** Documents in the stand-in workspace (default 500; BENCH_NOTION_PAGES in `npm run bench`). */
  pages?: number;
  /** The request budget of the rate-limited run (Notion's: about 3 per second). */
  perSecond?: number;
}

interface Pass {
  seconds: number;
  apiCalls: number;
  blockFetches: number;
  /** `/api/embed` requests, and the texts they carried. */
  embedCalls: number;
  embeddedTexts: number;
  /** Distinct generated pages and rows whose content (block children) was requested. */
  pagesRead: number;
  /** `GET /v1/pages/{id}` calls: page objects looked up (trash checks, moved children). */
  pageLookups: number;
  documents: number;
  chunks: number;
  deleted: number;
}

export interface NotionSyncBenchResult {
  documents: number;
  perSecond: number;
  /** First full sync with nothing in the way but our own code (no limiter). */
  unlimited: Pass;
  /** The same first full sync through the shared Redis budget at `perSecond`. */
  limited: Pass & { floorSeconds: number };
  noChange: Pass;
  oneEdit: Pass & { pageChunks: number; editedPageRead: boolean };
  /** The daily full pass when nothing changed since: listing calls only, nothing read again. */
  fullNoChange: Pass;
}

const workspaceId = "bench";
const connectionId = internalNotionConnectionId(workspaceId);

/**
 * A first full Notion sync of a generated workspace, once without a rate limit (our own overhead)
 * and once through the shared Redis budget at Notion's ~3 requests/s; then, on the rate-limited
 * index, an incremental sync with nothing changed, one after a single page was rewritten, and a full
 * pass with nothing changed (the daily one). The
 * Notion and Ollama stand-ins are in this process; PGlite and LanceDB in a temp dir; real Redis.
 */
export async function runNotionSyncBench(options: NotionSyncBenchOptions): Promise<NotionSyncBenchResult> {
  const pages = options.pages ?? 500;
  const perSecond = options.perSecond ?? 3;
  const logger = createLogger({ level: "warn" });
  const notion = await startNotionStandIn({ clock: "2026-01-01T00:00:00.000Z" });
  const ollama = await startOllamaStandIn();
  const redis = new Redis(options.redisUrl, { lazyConnect: true });
  const prefix = `sabio-bench-${randomUUID().slice(0, 8)}`;
  try {
    await redis.connect();
    const workspace = makeNotionWorkspace(notion, { pages });
    const generated = new Set([...workspace.pageIds, ...workspace.rowIds].map(compact));
    const embedder = createOllamaEmbedder({ host: ollama.host, dimensions: 256 });
    const settings: NotionClientSettings = { apiUrl: notion.url, internalToken: notion.token };

    const measure = (setup: Setup, mode: SyncMode) => measurePass(setup, mode, { notion, ollama, generated });

    const unlimitedSetup = await openSetup({ embedder, logger, notion: settings });
    let unlimited: Pass;
    try {
      unlimited = await measure(unlimitedSetup, "full");
    } finally {
      await unlimitedSetup.dispose();
    }

    const fetchFor = notionRequestBudget({ redis, perSecond, prefix, logger });
    const setup = await openSetup({ embedder, logger, notion: { ...settings, fetchFor } });
    try {
      const limited = await measure(setup, "full");
      const noChange = await measure(setup, "incremental");
      const oneEdit = await measureOneEdit(setup, workspace, notion, measure);
      const fullNoChange = await measure(setup, "full");
      return {
        documents: workspace.documentCount,
        perSecond,
        unlimited,
        // A burst of `notionRequestBurst` goes at once; every further call waits its turn.
        limited: { ...limited, floorSeconds: Math.max(0, limited.apiCalls - notionRequestBurst) / perSecond },
        noChange,
        oneEdit,
        fullNoChange,
      };
    } finally {
      await setup.dispose();
    }
  } finally {
    const keys = await redis.keys(`${prefix}:*`).catch(() => []);
    if (keys.length > 0) await redis.del(...keys);
    redis.disconnect();
    await notion.close();
    await ollama.stop();
  }
}

type Setup = Awaited<ReturnType<typeof openSetup>>;

async function openSetup(dependencies: {
  embedder: ReturnType<typeof createOllamaEmbedder>;
  logger: ReturnType<typeof createLogger>;
  notion: NotionClientSettings;
}) {
  const bench = await benchWorkspace(256);
  await ensureEnvConnections(bench.database.db, { NOTION_TOKEN: "env", SABIO_WORKSPACE: workspaceId });
  return {
    ...bench,
    sync: (mode: SyncMode) =>
      syncSource(
        {
          database: bench.database,
          store: bench.store,
          embedder: dependencies.embedder,
          logger: dependencies.logger,
          connectors: sourceConnectors([notionSourceConnector(dependencies.notion)]),
          // A 500-page sync at 3 requests/s runs for minutes: renewals keep the lease.
          leaseMs: 60_000,
        },
        { connectionId, mode },
      ),
  };
}

async function measurePass(
  setup: Setup,
  mode: SyncMode,
  context: { notion: NotionStandIn; ollama: OllamaStandIn; generated: Set<string> },
): Promise<Pass> {
  const { notion, ollama, generated } = context;
  const requestsBefore = notion.requests.length;
  const blocksBefore = notion.blockFetchCount();
  const embedsBefore = ollama.requestsTo("/api/embed").length;
  const started = performance.now();
  const result = await setup.sync(mode);
  const seconds = (performance.now() - started) / 1000;
  if (result.status !== "done") throw new Error(`the ${mode} sync did not run: ${result.status}`);
  const { report } = result;
  if (!report.complete || report.failed.length > 0) {
    throw new Error(
      `the ${mode} sync was incomplete: ${report.failed.map((f) => f.error.message).join("; ")}`,
    );
  }
  const embeds = ollama.requestsTo("/api/embed").slice(embedsBefore);
  const requests = notion.requests.slice(requestsBefore);
  const pagesRead = new Set(
    requests
      .map((request) => /^\/v1\/blocks\/([^/]+)\/children$/.exec(request.path)?.[1])
      .flatMap((id) => (id !== undefined && generated.has(compact(id)) ? [compact(id)] : [])),
  );
  return {
    seconds,
    apiCalls: notion.requests.length - requestsBefore,
    blockFetches: notion.blockFetchCount() - blocksBefore,
    embedCalls: embeds.length,
    embeddedTexts: embeds.reduce((sum, request) => sum + inputCount(request.body), 0),
    pagesRead: pagesRead.size,
    pageLookups: requests.filter((request) => /^\/v1\/pages\/[^/]+$/.test(request.path)).length,
    documents: report.documents,
    chunks: report.chunks,
    deleted: report.deleted,
  };
}

async function measureOneEdit(
  setup: Setup,
  workspace: GeneratedNotionWorkspace,
  notion: NotionStandIn,
  measure: (setup: Setup, mode: SyncMode) => Promise<Pass>,
): Promise<NotionSyncBenchResult["oneEdit"]> {
  const edited = workspace.leafPageIds[Math.floor(workspace.leafPageIds.length / 2)];
  if (edited === undefined) throw new Error("the generated workspace has no leaf page");
  notion.setClock("2026-01-02T09:00:00.000Z");
  workspace.rewritePage(edited);
  const blocksBefore = notion.blockFetchCount(edited);
  const pass = await measure(setup, "incremental");
  const indexed = await listIndexedSourceDocuments(setup.database.db, workspaceId, "notion");
  const page = indexed.find((document) => compact(document.externalId) === compact(edited));
  return {
    ...pass,
    pageChunks: page?.chunkCount ?? 0,
    editedPageRead: notion.blockFetchCount(edited) > blocksBefore,
  };
}

function compact(id: string): string {
  return id.replaceAll("-", "").toLowerCase();
}

function inputCount(body: unknown): number {
  const input = (body as { input?: unknown } | undefined)?.input;
  return Array.isArray(input) ? input.length : input === undefined ? 0 : 1;
}

export function formatNotionSyncBench(result: NotionSyncBenchResult): string {
  const { unlimited, limited, noChange, oneEdit, fullNoChange } = result;
  const overhead = limited.seconds - limited.floorSeconds;
  return [
    `Notion sync: ${result.documents} documents (pages + data-source rows), stand-in Notion and Ollama, PGlite + LanceDB`,
    `  first full sync at ${result.perSecond} requests/s (shared Redis budget): ${limited.seconds.toFixed(1)} s, ${limited.apiCalls} API calls (${limited.blockFetches} block fetches), ${limited.documents} documents, ${limited.chunks} chunks, ${limited.embeddedTexts} texts embedded in ${limited.embedCalls} calls`,
    `    the rate limit alone: (${limited.apiCalls} calls − a burst of ${notionRequestBurst}) / ${result.perSecond} per s = ${limited.floorSeconds.toFixed(1)} s; above that floor: ${overhead.toFixed(1)} s`,
    `  same first sync, no limiter (our own overhead): ${unlimited.seconds.toFixed(1)} s, ${unlimited.apiCalls} API calls, ${unlimited.chunks} chunks`,
    `  incremental, nothing changed: ${noChange.apiCalls} API calls (target ≤ 3; ${noChange.pageLookups} of them trash checks), ${noChange.blockFetches} block fetches (target 0), ${noChange.embeddedTexts} embeddings (target 0), ${noChange.seconds.toFixed(2)} s`,
    `  incremental after one page was rewritten: ${oneEdit.pagesRead} page re-fetched (target 1; the edited one: ${oneEdit.editedPageRead ? "yes" : "no"}), ${oneEdit.apiCalls} API calls (${oneEdit.blockFetches} block fetches, ${oneEdit.pageLookups} page lookups), ${oneEdit.embeddedTexts} texts embedded for a page of ${oneEdit.pageChunks} chunks (target equal), ${oneEdit.seconds.toFixed(2)} s`,
    `  full pass, nothing changed (the daily one): ${fullNoChange.apiCalls} API calls (${fullNoChange.blockFetches} block fetches, ${fullNoChange.pageLookups} page lookups), ${fullNoChange.pagesRead} pages re-read, ${fullNoChange.embeddedTexts} embeddings, ${fullNoChange.deleted} deleted, ${fullNoChange.seconds.toFixed(1)} s`,
  ].join("\n");
}

/** BENCH_NOTION_PAGES (default 500): a smaller workspace for a quick run. */
export function notionBenchPages(env: Record<string, string | undefined>): number {
  const pages = Number(env.BENCH_NOTION_PAGES ?? 500);
  if (!Number.isInteger(pages) || pages < 10)
    throw new Error("BENCH_NOTION_PAGES must be a whole number ≥ 10");
  return pages;
}
