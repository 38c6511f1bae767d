import type { ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { internalNotionConnectionId } from "#connectors/notion/sync/internal-notion-connection-id.ts";
import { closeRedisConnection, createRedisConnection } from "#shared/queue/redis-connection.ts";
import { removeQueues } from "#shared/queue/remove-queues.ts";
import { waitForOutput } from "#test/helpers/process-output.ts";
import { testRedisUrl } from "#test/helpers/queue-test-kit.ts";
import { runSabio } from "#test/helpers/run-sabio.ts";
import { silentLogger } from "#test/helpers/silent-logger.ts";
import { spawnSabio } from "#test/helpers/spawn-sabio.ts";
import { makeTempDir } from "#test/helpers/temp-dir.ts";
import { type NotionStandIn, startNotionStandIn } from "#test/stand-ins/notion-server.ts";
import { type OllamaStandIn, startOllamaStandIn } from "#test/stand-ins/ollama-server.ts";

/** `sabio sync` while a real `sabio start answer sync` holds the embedded database. */
describe("sabio sync hands each source to the running start's sync role", () => {
  let temp: Awaited<ReturnType<typeof makeTempDir>>;
  let ollama: OllamaStandIn;
  let notion: NotionStandIn;
  let start: ChildProcess | undefined;
  let dataDir: string;
  const prefix = `sabio-test-${randomUUID().slice(0, 8)}`;
  const redis = createRedisConnection(testRedisUrl, { role: "producer", logger: silentLogger() });
  const notionSource = internalNotionConnectionId("acme");

  beforeAll(async () => {
    temp = await makeTempDir();
    dataDir = join(temp.path, "data");
    ollama = await startOllamaStandIn();
    notion = await startNotionStandIn();
    notion.addPage({
      title: "Leave",
      parent: { workspace: true },
      blocks: [{ type: "paragraph", text: "Everyone gets twenty-five vacation days." }],
    });
    start = spawnSabio(
      ["start", "answer", "sync"],
      { dataDir, ollamaHost: ollama.host, prefix },
      {
        NOTION_TOKEN: notion.token,
        NOTION_API_URL: notion.url,
        SABIO_WORKSPACE: "acme",
        NOTION_REQUESTS_PER_SECOND: "10",
      },
    );
    // Its first sync runs at once: let it end, so the syncs asked for here find the source free.
    await waitForOutput(start, /source synced/, 60_000);
  }, 90_000);

  afterAll(async () => {
    start?.kill("SIGKILL");
    await removeQueues(redis, prefix);
    await closeRedisConnection(redis);
    await notion?.close();
    await ollama?.stop();
    await temp?.remove();
  });

  /** This command's REDIS_URL reaches the start's Redis; its QUEUE_PREFIX does not matter. */
  const env = () => ({
    DATA_DIR: dataDir,
    OLLAMA_HOST: ollama.host,
    REDIS_URL: testRedisUrl,
    QUEUE_PREFIX: "not-the-start-prefix",
  });

  it("runs the sync there and reports it here; what it read is searchable at once", async () => {
    notion.setClock("2026-01-01T02:00:00.000Z");
    notion.addPage({
      title: "Expenses",
      parent: { workspace: true },
      blocks: [{ type: "paragraph", text: "Receipts go in within thirty days, codeword walrus7." }],
    });
    const sync = await runSabio(["sync", "--workspace", "acme"], env());
    expect(sync.code).toBe(0);
    expect(sync.notes).toContain(
      `in use by \`sabio start\` (pid ${start?.pid}): its sync role runs this sync`,
    );
    expect(sync.stdout).toMatch(
      new RegExp(
        `^${notionSource} → workspace "acme" \\(incremental\\): 1 documents read, .*0 not read\\.$`,
        "m",
      ),
    );
    const search = await runSabio(["search", "walrus7", "--workspace", "acme", "--json"], env());
    expect(JSON.parse(search.stdout).results[0].title).toContain("Expenses");

    const full = await runSabio(
      ["sync", "--workspace", "acme", "--source", notionSource, "--full", "--json"],
      env(),
    );
    expect(full.code).toBe(0);
    expect(JSON.parse(full.stdout)).toMatchObject({
      source: notionSource,
      status: "done",
      mode: "full",
      complete: true,
      documents: 0,
      unchanged: 2,
    });
  }, 60_000);

  it("a source the start does not sync, or a workspace it syncs nothing of: says what to do, exit 2", async () => {
    const folder = await runSabio(["sync", "--workspace", "acme", "--source", "files-1a2b"], env());
    expect(folder.code).toBe(2);
    expect(folder.notes).toContain(
      `Handing the sync to it failed: it syncs no source "files-1a2b" of workspace "acme" (it syncs ${notionSource})`,
    );
    expect(folder.notes).toContain("`sabio ingest <its folder> --workspace acme --source files-1a2b`");

    const other = await runSabio(["sync", "--workspace", "other"], env());
    expect(other.code).toBe(2);
    expect(other.notes).toContain('it syncs no source of workspace "other"');
  });

  it("the sync's own error comes back with its code, as if it had run here", async () => {
    notion.revokeToken();
    const sync = await runSabio(["sync", "--workspace", "acme", "--json"], env());
    expect(sync.code).toBe(2);
    expect(JSON.parse(sync.stdout).error).toMatchObject({ code: "invalid_config" });
  }, 60_000);
});
