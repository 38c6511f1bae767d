import { join } from "node:path";
import { Queue } from "bullmq";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SyncSourceDependencies } from "#connectors/sources/sync-source.ts";
import type { Database } from "#shared/db/open-database.ts";
import {
  acquireSyncLease,
  ensureSourceConnection,
  getSourceConnection,
  listIndexedSourceDocuments,
  markSourceNeedsReauth,
  releaseSyncLease,
} from "#shared/db/source-connection-repository.ts";
import { createLanceDbStore } from "#shared/knowledge/store/lancedb-store.ts";
import type { VectorStore } from "#shared/knowledge/store/vector-store.ts";
import { createProducer } from "#shared/queue/enqueue.ts";
import { type JobCatalog, jobCatalog } from "#shared/queue/job-catalog.ts";
import { closeRedisConnection, createRedisConnection } from "#shared/queue/redis-connection.ts";
import { removeQueues } from "#shared/queue/remove-queues.ts";
import { type RunningWorker, runWorker } from "#shared/queue/run-worker.ts";
import { notionConnectors } from "#test/helpers/notion-connectors.ts";
import {
  completions,
  type Deferred,
  deferred,
  finalFailure,
  randomPrefix,
  testRedisUrl,
} from "#test/helpers/queue-test-kit.ts";
import { silentLogger } from "#test/helpers/silent-logger.ts";
import { makeTempDir } from "#test/helpers/temp-dir.ts";
import { type TestDatabaseLocation, testDatabaseBackends } from "#test/helpers/test-database-backends.ts";
import { waitFor } from "#test/helpers/wait-for.ts";
import { type NotionStandIn, startNotionStandIn } from "#test/stand-ins/notion-server.ts";
import { deferSync } from "./defer-sync.ts";
import { requestSync } from "./request-sync.ts";
import { createSyncJob } from "./sync-job.ts";

const logger = silentLogger();
const postgres = testDatabaseBackends.find((backend) => backend.kind === "postgres");
if (!postgres) throw new Error("postgres backend missing");
/** The real catalog, with a retry delay short enough for a test to see retries. */
const catalog: JobCatalog = {
  ...jobCatalog,
  sync: { ...jobCatalog.sync, backoff: { type: "exponential", delay: 5, jitter: 0 } },
};
const busyRetryMs = 1_000;
/** How long a test waits on the worker (a held sync retries after `busyRetryMs`). */
const waitMs = 15_000;

describe("sync worker on the sync queue (real Redis, PostgreSQL and a stand-in Notion)", () => {
  let location: TestDatabaseLocation;
  let database: Database;
  let temp: Awaited<ReturnType<typeof makeTempDir>>;
  let store: VectorStore;
  let notion: NotionStandIn;
  let worker: RunningWorker;
  const prefix = randomPrefix();
  const workerConnection = createRedisConnection(testRedisUrl, { role: "worker", logger });
  const producerConnection = createRedisConnection(testRedisUrl, { role: "producer", logger });
  const producer = createProducer(producerConnection, { prefix, catalog });
  const queue = new Queue("sync", { connection: producerConnection, prefix });
  /** Syncs that reached Notion: the client, and so this fetch, is made once per sync. */
  let syncRuns = 0;
  /** While set, every Notion request waits for it: a sync that is "running" for as long as a test needs. */
  let hold: Deferred<void> | undefined;
  let held = deferred();
  /** Syncs still to fail as if Notion were down: every request answers 503. */
  let outages = 0;

  beforeAll(async () => {
    location = await postgres.createLocation();
    database = await location.open();
    temp = await makeTempDir();
    store = createLanceDbStore({ directory: join(temp.path, "lancedb"), dimensions: 256 });
    notion = await startNotionStandIn();
    notion.addPage({
      title: "Team wiki",
      parent: { workspace: true },
      blocks: [
        { type: "paragraph", text: "Everything the team knows." },
        {
          type: "child_page",
          title: "Onboarding",
          blocks: [{ type: "paragraph", text: "New hires get their laptop from the front desk." }],
        },
      ],
    });
    notion.addPage({
      title: "Parking",
      parent: { workspace: true },
      blocks: [{ type: "paragraph", text: "Visitors park on level minus two of the garage." }],
    });
    const dependencies: SyncSourceDependencies = {
      database,
      store,
      embedder: null,
      logger,
      connectors: notionConnectors({
        apiUrl: notion.url,
        internalToken: notion.token,
        fetchFor: () => {
          syncRuns += 1;
          if (outages > 0) {
            outages -= 1;
            return async () =>
              Response.json(
                { object: "error", status: 503, code: "service_unavailable", message: "Notion is down." },
                { status: 503 },
              );
          }
          return async (input, init) => {
            if (hold) {
              held.resolve();
              await hold.promise;
            }
            return fetch(input, init);
          };
        },
      }),
    };
    const job = createSyncJob({
      sync: dependencies,
      defer: (payload, delayMs) => deferSync(queue, payload, delayMs, catalog),
      busyRetryMs,
    });
    worker = runWorker("sync", job, { connection: workerConnection, logger, prefix, catalog });
    await worker.ready();
  });

  afterAll(async () => {
    hold?.resolve();
    await worker?.close();
    await producer.close();
    await queue.close();
    await removeQueues(workerConnection, prefix);
    await closeRedisConnection(producerConnection);
    await closeRedisConnection(workerConnection);
    await store?.close();
    await database?.close();
    await location?.destroy();
    await notion?.close();
    await temp?.remove();
  });

  let workspaceCount = 0;
  async function newConnection(): Promise<{ workspaceId: string; connectionId: string }> {
    workspaceCount += 1;
    const workspaceId = `sync-${workspaceCount}`;
    const connectionId = `notion-internal@${workspaceId}`;
    await ensureSourceConnection(database.db, {
      id: connectionId,
      workspaceId,
      kind: "notion",
      source: "notion",
    });
    return { workspaceId, connectionId };
  }

  /** Resolves once nothing is waiting, delayed or running on the queue. */
  const idle = () =>
    waitFor(async () => {
      const counts = await queue.getJobCounts("waiting", "delayed", "active", "prioritized");
      return Object.values(counts).every((count) => count === 0) ? true : undefined;
    }, waitMs);

  const indexedTitles = async (workspaceId: string) =>
    (await listIndexedSourceDocuments(database.db, workspaceId, "notion")).map(
      (document) => document.externalId,
    );

  it("syncs the connection a job names: its pages indexed, its state ok", async () => {
    const { workspaceId, connectionId } = await newConnection();
    const done = completions(worker.worker, 1);
    await requestSync(producer, { workspaceId, connectionId, mode: "incremental" });
    await done;
    expect(await indexedTitles(workspaceId)).toHaveLength(3);
    expect(await getSourceConnection(database.db, connectionId)).toMatchObject({
      state: "ok",
      documentCount: 3,
      lastError: null,
    });
    expect((await getSourceConnection(database.db, connectionId))?.syncState).not.toBeNull();
  });

  it('runs once more, exactly once, when "sync now" is asked three times during a sync', async () => {
    const { workspaceId, connectionId } = await newConnection();
    const request = { workspaceId, connectionId, mode: "incremental" as const };
    hold = deferred();
    held = deferred();
    const runsBefore = syncRuns;
    const done = completions(worker.worker, 2);
    expect((await requestSync(producer, request)).duplicate).toBe(false);
    await held.promise; // the first sync is talking to Notion
    const asks = [];
    for (let index = 0; index < 3; index += 1) asks.push(await requestSync(producer, request));
    expect(asks.every((ask) => ask.duplicate)).toBe(true);
    const release = hold;
    hold = undefined;
    release.resolve();

    await done;
    await idle();
    expect(syncRuns - runsBefore).toBe(2);
    expect(await queue.getJobCounts("completed", "failed")).toMatchObject({ failed: 0 });
    expect(await indexedTitles(workspaceId)).toHaveLength(3);
  });

  it("comes back later when another sync (e.g. `sabio sync`) holds the connection, and is not lost", async () => {
    const { workspaceId, connectionId } = await newConnection();
    expect(await acquireSyncLease(database.db, connectionId, "sabio sync in a shell", 60_000)).toBe(true);
    const runsBefore = syncRuns;
    const first = completions(worker.worker, 1);
    await requestSync(producer, { workspaceId, connectionId, mode: "full" });
    await first;
    // Nothing ran, and the request is still queued for later.
    expect(syncRuns).toBe(runsBefore);
    expect(await indexedTitles(workspaceId)).toEqual([]);
    const pending = await queue.getJobs(["delayed", "waiting", "active"]);
    expect(pending.map((job) => job.data)).toEqual([
      { workspaceId, connectionId, mode: "full", reason: "manual" },
    ]);

    await releaseSyncLease(database.db, connectionId, "sabio sync in a shell");
    const synced = await waitFor(async () => {
      const row = await getSourceConnection(database.db, connectionId);
      return row?.state === "ok" && row.lastCompleteSyncAt ? row : undefined;
    }, waitMs);
    expect(synced.documentCount).toBe(3);
    await idle();
    expect((await queue.getJobCounts("failed")).failed).toBe(0);
  });

  it("fails a job for a connection that no longer exists once, without retrying", async () => {
    const failure = finalFailure(worker.worker);
    await requestSync(producer, {
      workspaceId: "sync-gone",
      connectionId: "notion-internal@sync-gone",
      mode: "incremental",
    });
    const { job, error } = await failure;
    expect(job.opts.attempts).toBe(jobCatalog.sync.attempts);
    expect(job.attemptsMade).toBe(1);
    expect((error as Error & { code?: string }).code).toBe("not_found");
    expect(error.message).toContain("notion-internal@sync-gone");
  });

  it("retries a sync that failed because Notion was down, and it then completes", async () => {
    const { workspaceId, connectionId } = await newConnection();
    outages = 1;
    const done = completions(worker.worker, 1);
    const runsBefore = syncRuns;
    await requestSync(producer, { workspaceId, connectionId, mode: "incremental" });
    const [jobId] = await done;
    const job = await queue.getJob(jobId ?? "");
    expect(job?.attemptsMade).toBe(2);
    expect(syncRuns - runsBefore).toBe(2);
    expect(await getSourceConnection(database.db, connectionId)).toMatchObject({
      state: "ok",
      documentCount: 3,
    });
  });

  it("skips a scheduled run of a connection that needs re-auth, without calling Notion", async () => {
    const { workspaceId, connectionId } = await newConnection();
    await markSourceNeedsReauth(
      database.db,
      connectionId,
      "Notion no longer accepts this connection's token",
    );
    const done = completions(worker.worker, 1);
    const requestsBefore = notion.countRequests();
    await queue.add("sync", { workspaceId, connectionId, mode: "incremental", reason: "schedule" });
    await done;
    expect(notion.countRequests()).toBe(requestsBefore);
    expect((await getSourceConnection(database.db, connectionId))?.state).toBe("needs_reauth");
  });
});
