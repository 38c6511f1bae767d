import { type ChildProcess, spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { once } from "node:events";
import { existsSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeRedisConnection, createRedisConnection } from "#shared/queue/redis-connection.ts";
import { removeQueues } from "#shared/queue/remove-queues.ts";
import { waitForOutput } from "#test/helpers/process-output.ts";
import { testRedisUrl } from "#test/helpers/queue-test-kit.ts";
import { runSabio } from "#test/helpers/run-sabio.ts";
import { silentLogger } from "#test/helpers/silent-logger.ts";
import { spawnSabio } from "#test/helpers/spawn-sabio.ts";
import { makeTempDir } from "#test/helpers/temp-dir.ts";
import { closedPortHost } from "#test/stand-ins/ollama/closed-port-host.ts";
import { type OllamaStandIn, startOllamaStandIn } from "#test/stand-ins/ollama-server.ts";
import { main } from "../main.ts";

/** `sabio ingest` and `sync` while a real `sabio start` holds the embedded database. */
describe("updating the wiki while sabio start runs on the embedded database", () => {
  let temp: Awaited<ReturnType<typeof makeTempDir>>;
  let ollama: OllamaStandIn;
  let env: Record<string, string>;
  let wiki: string;
  const children: ChildProcess[] = [];
  const prefix = `sabio-test-${randomUUID().slice(0, 8)}`;
  const redis = createRedisConnection(testRedisUrl, { role: "producer", logger: silentLogger() });

  beforeAll(async () => {
    temp = await makeTempDir();
    ollama = await startOllamaStandIn();
    env = { DATA_DIR: join(temp.path, "data"), OLLAMA_HOST: ollama.host };
    wiki = join(temp.path, "wiki");
    await mkdir(wiki);
    await writeFile(join(wiki, "leave.md"), "# Leave\n\nEveryone gets twenty-five vacation days.\n");
  });
  afterAll(async () => {
    for (const child of children) child.kill("SIGKILL");
    await removeQueues(redis, prefix);
    await closeRedisConnection(redis);
    await ollama?.stop();
    await temp?.remove();
  });

  /** The CLI's own queue settings do not matter: it hands over on the start's (in its file). */
  function withQueues(): Record<string, string> {
    return { ...env, QUEUE_PREFIX: "not-the-start-prefix" };
  }

  async function startSabio(): Promise<ChildProcess> {
    const child = spawnSabio(["start", "answer"], {
      dataDir: env.DATA_DIR ?? "",
      ollamaHost: ollama.host,
      prefix,
    });
    children.push(child);
    await waitForOutput(child, /sabio started/, 60_000);
    return child;
  }

  it("hands the ingest to the running start: its report, its errors and its progress come back here", async () => {
    const start = await startSabio();
    const handed = await runSabio(["ingest", wiki, "--workspace", "acme"], withQueues());
    expect(handed.code).toBe(0);
    expect(handed.notes).toContain(`in use by \`sabio start\` (pid ${start.pid}): it runs this ingest`);
    expect(handed.stdout).toContain('Workspace "acme": 1 documents');

    // Searchable at once, while start still runs (search reads the vector store, not the database).
    const search = await runSabio(["search", "vacation days", "--workspace", "acme", "--json"], withQueues());
    expect(search.code).toBe(0);
    expect(JSON.parse(search.stdout).results[0].url).toContain("leave.md");

    const again = await runSabio(["ingest", wiki, "--workspace", "acme", "--json"], withQueues());
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({ documents: 1, unchanged: 1 });

    // The start's error, with its code (invalid_input → exit 2), as if it had happened here.
    const missing = await runSabio(["ingest", join(temp.path, "nope"), "--workspace", "acme"], withQueues());
    expect(missing.code).toBe(2);
    expect(missing.notes).toContain("Folder not found");

    // The bar is drawn here from the start's progress events.
    await writeFile(join(wiki, "expenses.md"), "# Expenses\n\nReceipts go in within thirty days.\n");
    let drawn = "";
    const tty = Object.assign(new PassThrough(), { isTTY: true, columns: 160 });
    tty.on("data", (chunk: Buffer) => {
      drawn += chunk.toString("utf8");
    });
    const code = await main(["ingest", wiki, "--workspace", "acme"], withQueues(), {
      out: () => {},
      note: () => {},
      write: () => {},
      terminal: tty,
    });
    expect(code).toBe(0);
    expect(drawn).toMatch(/Reading .*2\/2 files/);

    // sync is not handed over: it says what to do.
    const sync = await runSabio(["sync", "--workspace", "acme", "--source", "files-x"], withQueues());
    expect(sync.code).toBe(2);
    expect(sync.notes).toContain("so sync cannot open it");
    expect(sync.notes).toContain("DATABASE_URL");

    const exited = once(start, "exit");
    start.kill("SIGINT");
    await exited;
    expect(existsSync(join(env.DATA_DIR ?? "", "sabio-start.json"))).toBe(false);
    const after = await runSabio(["ingest", wiki, "--workspace", "acme", "--json"], env);
    expect(after.code).toBe(0);
    expect(JSON.parse(after.stdout)).toMatchObject({ documents: 2, unchanged: 2 });
  }, 180_000);

  it("when the start cannot be reached (its Redis down), it says exactly what to do, exit 2", async () => {
    // A live process stands in for the start; its Redis is a closed port.
    const stand = spawn(process.execPath, ["-e", "setInterval(() => {}, 1000)"], { stdio: "ignore" });
    children.push(stand);
    const dataDir = join(temp.path, "data-down");
    await mkdir(dataDir);
    await writeFile(
      join(dataDir, "sabio-start.json"),
      JSON.stringify({
        pid: stand.pid,
        roles: ["answer"],
        database: "embedded",
        startedAt: new Date().toISOString(),
        ingestSecret: "ab".repeat(32),
        queues: { redisUrl: (await closedPortHost()).replace("http:", "redis:"), prefix },
      }),
    );
    const down = { ...env, DATA_DIR: dataDir };
    const ingest = await runSabio(["ingest", wiki, "--workspace", "acme"], down);
    expect(ingest.code).toBe(2);
    expect(ingest.notes).toContain(`is in use by \`sabio start\` (pid ${stand.pid})`);
    expect(ingest.notes).toContain("Handing the ingest to it failed");
    expect(ingest.notes).toContain("stop `sabio start`");
    expect(ingest.notes).toContain("DATABASE_URL");

    const json = await runSabio(["ingest", wiki, "--workspace", "acme", "--json"], down);
    expect(json.code).toBe(2);
    expect(JSON.parse(json.stdout).error).toMatchObject({
      code: "invalid_input",
      message: expect.stringContaining("sabio start"),
      hint: expect.stringContaining("DATABASE_URL"),
    });
    expect(existsSync(join(dataDir, "pglite"))).toBe(false);
  });

  it("a start that was killed (its file left behind) does not block anything", async () => {
    const start = await startSabio();
    const exited = once(start, "exit");
    start.kill("SIGKILL");
    await exited;
    expect(existsSync(join(env.DATA_DIR ?? "", "sabio-start.json"))).toBe(true);
    const ingest = await runSabio(["ingest", wiki, "--workspace", "acme", "--json"], env);
    expect(ingest.code).toBe(0);
  }, 120_000);

  it("a start on PostgreSQL: an ingest without DATABASE_URL would fill a database start never reads", async () => {
    // Any live process stands in for the start: only its pid and what it wrote are looked at.
    const stand = spawn(process.execPath, ["-e", "setInterval(() => {}, 1000)"], { stdio: "ignore" });
    children.push(stand);
    const dataDir = join(temp.path, "data-pg");
    await mkdir(dataDir);
    await writeFile(
      join(dataDir, "sabio-start.json"),
      JSON.stringify({
        pid: stand.pid,
        roles: ["answer"],
        database: "postgresql",
        startedAt: new Date().toISOString(),
      }),
    );
    const ingest = await runSabio(["ingest", wiki, "--workspace", "acme"], { ...env, DATA_DIR: dataDir });
    expect(ingest.code).toBe(2);
    expect(ingest.notes).toContain("keeps its state in PostgreSQL");
    expect(ingest.notes).toContain("same DATABASE_URL");
    expect(existsSync(join(dataDir, "pglite"))).toBe(false);
  });
});
