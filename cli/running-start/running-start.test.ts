import { type ChildProcess, spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { once } from "node:events";
import { existsSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeRedisConnection, createRedisConnection } from "#shared/queue/redis-connection.ts";
import { removeQueues } from "#shared/queue/remove-queues.ts";
import { waitForOutput } from "#test/helpers/process-output.ts";
import { testRedisUrl } from "#test/helpers/queue-test-kit.ts";
import { runSabio } from "#test/helpers/run-sabio.ts";
import { silentLogger } from "#test/helpers/silent-logger.ts";
import { spawnSabio } from "#test/helpers/spawn-sabio.ts";
import { makeTempDir } from "#test/helpers/temp-dir.ts";
import { type OllamaStandIn, startOllamaStandIn } from "#test/stand-ins/ollama-server.ts";

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

  it("says exactly what to do, exit 2, and opens nothing; once start stops, the ingest runs", async () => {
    const start = await startSabio();
    const ingest = await runSabio(["ingest", wiki, "--workspace", "acme"], env);
    expect(ingest.code).toBe(2);
    expect(ingest.notes).toContain(`is in use by \`sabio start\` (pid ${start.pid})`);
    expect(ingest.notes).toContain("stop `sabio start`");
    expect(ingest.notes).toContain("DATABASE_URL");

    const json = await runSabio(["ingest", wiki, "--workspace", "acme", "--json"], env);
    expect(json.code).toBe(2);
    expect(JSON.parse(json.stdout).error).toMatchObject({
      code: "invalid_input",
      message: expect.stringContaining("sabio start"),
      hint: expect.stringContaining("DATABASE_URL"),
    });

    const sync = await runSabio(["sync", "--workspace", "acme", "--source", "files-x"], env);
    expect(sync.code).toBe(2);
    expect(sync.notes).toContain("so sync cannot open it");

    const exited = once(start, "exit");
    start.kill("SIGINT");
    await exited;
    expect(existsSync(join(env.DATA_DIR ?? "", "sabio-start.json"))).toBe(false);
    const after = await runSabio(["ingest", wiki, "--workspace", "acme", "--json"], env);
    expect(after.code).toBe(0);
    expect(JSON.parse(after.stdout)).toMatchObject({ documents: 1 });
  }, 120_000);

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
