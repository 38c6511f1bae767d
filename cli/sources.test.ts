import { join } from "node:path";
import { Worker } from "bullmq";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { internalNotionConnectionId } from "#connectors/notion/sync/internal-notion-connection-id.ts";
import { interruptedSyncMessage } from "#connectors/sources/describe-source-connection.ts";
import { openDatabase } from "#shared/db/open-database.ts";
import {
  acquireSyncLease,
  markSourceSyncing,
  releaseSyncLease,
} from "#shared/db/source-connection-repository.ts";
import { removeQueues } from "#shared/queue/remove-queues.ts";
import { randomPrefix, testRedisUrl } from "#test/helpers/queue-test-kit.ts";
import { runSabio } from "#test/helpers/run-sabio.ts";
import { makeTempDir } from "#test/helpers/temp-dir.ts";
import { waitFor } from "#test/helpers/wait-for.ts";
import { type NotionStandIn, startNotionStandIn } from "#test/stand-ins/notion-server.ts";

/** `sabio sources`, `sync --source` and `disconnect`: what an admin sees and can do per connection. */
describe("sabio sources / disconnect", () => {
  const prefix = randomPrefix();
  let temp: Awaited<ReturnType<typeof makeTempDir>>;
  let notion: NotionStandIn;
  let env: Record<string, string>;
  const connectionId = internalNotionConnectionId("default");

  beforeAll(async () => {
    temp = await makeTempDir();
    notion = await startNotionStandIn({ clock: "2026-02-01T09:00:00.000Z" });
    // No OLLAMA_HOST stand-in: chunks are stored for lexical search, which is all these tests need.
    env = {
      DATA_DIR: join(temp.path, "data"),
      OLLAMA_HOST: "http://127.0.0.1:9",
      NOTION_TOKEN: notion.token,
      NOTION_API_URL: notion.url,
      REDIS_URL: testRedisUrl,
      QUEUE_PREFIX: prefix,
    };
    notion.addPage({
      title: "Expenses",
      parent: { workspace: true },
      blocks: [{ type: "paragraph", text: "Receipts go to the finance inbox within thirty days." }],
    });
  });

  afterAll(async () => {
    const redis = new Redis(testRedisUrl);
    await removeQueues(redis, prefix);
    redis.disconnect();
    await notion?.close();
    await temp?.remove();
  });

  const sabio = (argv: string[], overrides: Record<string, string> = {}) =>
    runSabio(argv, { ...env, ...overrides });

  async function sourcesJson() {
    const { stdout, code } = await sabio(["sources", "--workspace", "default", "--json"]);
    expect(code).toBe(0);
    return JSON.parse(stdout) as { sources: Record<string, unknown>[] };
  }

  async function withDatabase<T>(run: (db: Awaited<ReturnType<typeof openDatabase>>["db"]) => Promise<T>) {
    const database = await openDatabase({ dataDir: env.DATA_DIR ?? "" });
    try {
      return await run(database.db);
    } finally {
      await database.close();
    }
  }

  const hits = async (query: string) =>
    JSON.parse((await sabio(["search", query, "--workspace", "default", "--json"])).stdout).results as {
      title: string;
    }[];

  it("lists the internal integration before its first sync, plainly", async () => {
    const { sources } = await sourcesJson();
    expect(sources).toEqual([
      expect.objectContaining({
        id: connectionId,
        kind: "notion",
        label: "Notion (internal integration)",
        state: "ok",
        documentCount: 0,
        lastSyncAt: null,
        lastCompleteSyncAt: null,
        lastError: null,
      }),
    ]);
    const text = await sabio(["sources", "--workspace", "default"]);
    expect(text.stdout).toMatch(/last complete sync: never/);
  });

  it("after a sync shows the document count and when the last complete sync ran", async () => {
    expect((await sabio(["sync", "--workspace", "default", "--source", connectionId])).code).toBe(0);
    const [source] = (await sourcesJson()).sources;
    expect(source).toMatchObject({ state: "ok", documentCount: 1, lastError: null });
    expect(source?.lastCompleteSyncAt).toEqual(expect.any(String));
    expect((await hits("receipts finance inbox"))[0]).toMatchObject({ title: "Expenses" });
  });

  it("refuses an unknown --source, naming the ones that exist", async () => {
    const result = await sabio(["sync", "--workspace", "default", "--source", "notion-nope"]);
    expect(result.code).toBe(2);
    expect(result.notes).toContain(`has no source "notion-nope" (it has: ${connectionId})`);
  });

  it("a workspace without sources says how to connect one", async () => {
    const listed = await sabio(["sources", "--workspace", "other"]);
    expect(listed.stdout).toMatch(/no connected sources/);
    const synced = await sabio(["sync", "--workspace", "other"]);
    expect(synced.code).toBe(2);
    expect(synced.notes).toMatch(/Hint: NOTION_TOKEN connects SABIO_WORKSPACE \("default"\)/);
  });

  it("shows a running sync as syncing, and neither syncs nor disconnects behind its back", async () => {
    await withDatabase((db) => acquireSyncLease(db, connectionId, "another-worker", 60_000));
    try {
      expect((await sourcesJson()).sources[0]).toMatchObject({ state: "syncing" });
      const sync = await sabio(["sync", "--workspace", "default"]);
      expect(sync.code).toBe(1);
      expect(sync.stdout).toMatch(/a sync is already running/);
      const disconnect = await sabio(["disconnect", "--workspace", "default", "--source", connectionId]);
      expect(disconnect.code).toBe(1);
      expect(disconnect.stdout).toMatch(/syncing right now/);

      // With a sync worker listening, asking again queues one more run right after the running one.
      const received: unknown[] = [];
      const worker = new Worker(
        "sync",
        async (job) => {
          received.push(job.data);
        },
        { connection: new Redis(testRedisUrl, { maxRetriesPerRequest: null }), prefix },
      );
      try {
        await worker.waitUntilReady();
        const queued = await sabio(["sync", "--workspace", "default", "--json"]);
        expect(JSON.parse(queued.stdout)).toMatchObject({ source: connectionId, status: "queued" });
        await waitFor(async () => (received.length > 0 ? true : undefined));
        expect(received).toEqual([
          expect.objectContaining({ connectionId, mode: "incremental", reason: "manual" }),
        ]);
      } finally {
        await worker.close();
        await worker.disconnect();
      }
    } finally {
      await withDatabase((db) => releaseSyncLease(db, connectionId, "another-worker"));
    }
  });

  it("reports a sync whose process was killed as an error in plain words", async () => {
    await withDatabase((db) => markSourceSyncing(db, connectionId, new Date()));
    expect((await sourcesJson()).sources[0]).toMatchObject({
      state: "error",
      lastError: interruptedSyncMessage,
    });
  });

  it("a revoked token reads as needs re-auth with what to do", async () => {
    const result = await sabio(["sync", "--workspace", "default"], { NOTION_TOKEN: "secret_revoked" });
    expect(result.code).toBe(2);
    const text = await sabio(["sources", "--workspace", "default"]);
    expect(text.stdout).toMatch(/state: needs re-auth/);
    expect(text.stdout).toMatch(/last error: Notion no longer accepts this connection's token/);
    expect(text.stdout).toMatch(/to fix: reconnect it/);
  });

  it("disconnect removes the connection and everything indexed from it", async () => {
    const result = await sabio(["disconnect", "--workspace", "default", "--source", connectionId]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/removed 1 documents/);
    expect(result.stdout).toMatch(/NOTION_TOKEN is still set/);
    // Nothing is left in the workspace: search says so rather than finding nothing.
    const emptied = await sabio(["search", "receipts finance inbox", "--workspace", "default", "--json"]);
    expect(emptied.code).toBe(2);
    expect(JSON.parse(emptied.stdout).error).toMatchObject({ code: "invalid_workspace" });
    const withoutToken = await sabio(["sources", "--workspace", "default", "--json"], { NOTION_TOKEN: "" });
    expect(JSON.parse(withoutToken.stdout).sources).toEqual([]);
  });

  it("disconnect needs both --workspace and --source", async () => {
    expect((await sabio(["disconnect", "--workspace", "default"])).code).toBe(2);
  });
});
