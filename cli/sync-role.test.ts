import { type ChildProcess, spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { join } from "node:path";
import { Queue } from "bullmq";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { internalNotionConnectionId } from "#connectors/notion/sync/internal-notion-connection-id.ts";
import { parseEnv } from "#shared/config/load-env.ts";
import { openDatabase } from "#shared/db/open-database.ts";
import { getSourceConnection, listIndexedSourceDocuments } from "#shared/db/source-connection-repository.ts";
import { closeRedisConnection, createRedisConnection } from "#shared/queue/redis-connection.ts";
import { removeQueues } from "#shared/queue/remove-queues.ts";
import { testRedisUrl } from "#test/helpers/queue-test-kit.ts";
import { runSabio } from "#test/helpers/run-sabio.ts";
import { silentLogger } from "#test/helpers/silent-logger.ts";
import { makeTempDir } from "#test/helpers/temp-dir.ts";
import { type NotionStandIn, startNotionStandIn } from "#test/stand-ins/notion-server.ts";
import { type OllamaStandIn, startOllamaStandIn } from "#test/stand-ins/ollama-server.ts";
import { configuredRoles } from "./roles/configured-roles.ts";

const pageCount = 30;

describe("sabio start sync (real process, real Redis, stand-in Notion and Ollama)", () => {
  let temp: Awaited<ReturnType<typeof makeTempDir>>;
  let notion: NotionStandIn;
  let ollama: OllamaStandIn;
  let dataDir: string;
  let child: ChildProcess | undefined;
  const prefix = `sabio-test-${randomUUID().slice(0, 8)}`;
  const logger = silentLogger();
  const redis = createRedisConnection(testRedisUrl, { role: "producer", logger });
  const connectionId = internalNotionConnectionId("default");

  beforeAll(async () => {
    temp = await makeTempDir();
    dataDir = join(temp.path, "data");
    ollama = await startOllamaStandIn();
    notion = await startNotionStandIn();
    for (let index = 1; index <= pageCount; index += 1) {
      notion.addPage({
        title: `Runbook ${index}`,
        parent: { workspace: true },
        blocks: [
          { type: "paragraph", text: `Runbook ${index} covers service number ${index}.` },
          { type: "paragraph", text: `Its on-call codeword is zebra${index}quartz.` },
        ],
      });
    }
  });

  afterAll(async () => {
    child?.kill("SIGKILL");
    await removeQueues(redis, prefix);
    await closeRedisConnection(redis);
    await notion?.close();
    await ollama?.stop();
    await temp?.remove();
  });

  const env = () => ({
    DATA_DIR: dataDir,
    OLLAMA_HOST: ollama.host,
    NOTION_TOKEN: notion.token,
    NOTION_API_URL: notion.url,
    REDIS_URL: testRedisUrl,
    QUEUE_PREFIX: prefix,
    NOTION_REQUESTS_PER_SECOND: "10",
  });

  function startSync(): ChildProcess {
    return spawn(
      process.execPath,
      ["--disable-warning=ExperimentalWarning", "cli/main.ts", "start", "sync"],
      {
        // Room for the sync in hand to finish on SIGTERM.
        env: { ...process.env, ...env(), LOG_LEVEL: "info", SHUTDOWN_TIMEOUT_SECONDS: "30" },
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
  }

  const exited = (running: ChildProcess) =>
    new Promise<number | null>((resolve) => running.once("exit", (code) => resolve(code)));

  async function sabio(argv: string[]): Promise<string> {
    const { code, stdout } = await runSabio(argv, env());
    expect(code).toBe(0);
    return stdout;
  }

  async function until(probe: () => boolean, timeoutMs = 60_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!probe()) {
      if (Date.now() > deadline) throw new Error("timed out waiting");
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  it("syncs the workspace on its own at start; a sync killed midway completes after a restart, once", async () => {
    child = startSync();
    const first = child;
    // Killed once a first batch of pages went to be indexed, and a few pages later: mid-sync.
    await until(() => ollama.requestsTo("/api/embed").length > 0);
    const fetched = notion.blockFetchCount();
    await until(() => notion.blockFetchCount() >= fetched + 4);
    const killed = exited(first);
    first.kill("SIGKILL");
    await killed;

    // The kill left the connection mid-sync. Its lease would run out within a minute; expire it
    // now instead of waiting.
    let indexedAtKill: number;
    const database = await openDatabase({ dataDir });
    try {
      const interrupted = await getSourceConnection(database.db, connectionId);
      expect(interrupted?.state).toBe("syncing");
      expect(interrupted?.syncState).toBeNull();
      indexedAtKill = (await listIndexedSourceDocuments(database.db, "default", "notion")).length;
      expect(indexedAtKill).toBeLessThan(pageCount);
      await database.db.execute(
        sql`update source_connections set sync_lease_until = now() - interval '1 second' where id = ${connectionId}`,
      );
    } finally {
      await database.close();
    }

    // Both schedules exist in Redis for the connection the process made from NOTION_TOKEN.
    const queue = new Queue("sync", { connection: redis, prefix });
    try {
      expect((await queue.getJobSchedulers()).map((scheduler) => scheduler.key).sort()).toEqual([
        `sync/${connectionId}/full`,
        `sync/${connectionId}/incremental`,
      ]);
    } finally {
      await queue.close();
    }

    // Restarted, it resumes at once; a SIGTERM while that sync runs lets it finish before exiting.
    child = startSync();
    const second = child;
    let output = "";
    const collect = (data: Buffer) => {
      output += data.toString();
    };
    second.stdout?.on("data", collect);
    second.stderr?.on("data", collect);
    const fetchedBefore = notion.blockFetchCount();
    await until(() => notion.blockFetchCount() > fetchedBefore);
    const stopped = exited(second);
    second.kill("SIGTERM");
    expect(await stopped).toBe(0);

    // The restart picked up where the killed sync stopped: what was indexed is not embedded again.
    const synced = output
      .split("\n")
      .filter((line) => line.includes('"msg":"source synced"'))
      .map((line) => JSON.parse(line) as { unchanged: number; embedded: number; complete: boolean })[0];
    expect(output.indexOf('"msg":"source synced"')).toBeLessThan(output.indexOf('"msg":"shutdown complete"'));
    expect(synced).toMatchObject({
      complete: true,
      unchanged: indexedAtKill,
      embedded: pageCount - indexedAtKill,
    });

    const sources = JSON.parse(await sabio(["sources", "--workspace", "default", "--json"]));
    expect(sources.sources).toEqual([
      expect.objectContaining({ id: connectionId, state: "ok", documentCount: pageCount, lastError: null }),
    ]);
    const reopened = await openDatabase({ dataDir });
    try {
      const documents = await listIndexedSourceDocuments(reopened.db, "default", "notion");
      expect(documents).toHaveLength(pageCount);
      expect(new Set(documents.map((document) => document.externalId)).size).toBe(pageCount);
    } finally {
      await reopened.close();
    }
    // One copy of a page indexed before the kill, and of one indexed after it.
    for (const index of [1, pageCount]) {
      const search = JSON.parse(
        await sabio(["search", `zebra${index}quartz`, "--workspace", "default", "--json"]),
      );
      const hits = (search.results as { title: string; text: string }[]).filter((hit) =>
        hit.text.includes(`zebra${index}quartz`),
      );
      expect(hits.map((hit) => hit.title)).toEqual([`Runbook ${index}`]);
    }
  }, 120_000);

  it("is one of the roles `sabio start` runs by itself once a Notion integration is configured", () => {
    expect(configuredRoles(parseEnv({}))).not.toContain("sync");
    expect(configuredRoles(parseEnv({ NOTION_TOKEN: "secret_x" }))).toContain("sync");
    expect(
      configuredRoles(
        parseEnv({ NOTION_CLIENT_ID: "id", NOTION_CLIENT_SECRET: "secret", ENCRYPTION_KEY: "0".repeat(64) }),
      ),
    ).toContain("sync");
  });
});
