import { type ChildProcess, spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { once } from "node:events";
import { existsSync } from "node:fs";
import { mkdir, readFile, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { and, eq, gt, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "#shared/db/open-database.ts";
import { sourceConnections } from "#shared/db/schema.ts";
import { closeRedisConnection, createRedisConnection } from "#shared/queue/redis-connection.ts";
import { removeQueues } from "#shared/queue/remove-queues.ts";
import { waitForStart } from "#test/helpers/process-output.ts";
import { testRedisUrl } from "#test/helpers/queue-test-kit.ts";
import { runSabio } from "#test/helpers/run-sabio.ts";
import { silentLogger } from "#test/helpers/silent-logger.ts";
import { spawnSabio } from "#test/helpers/spawn-sabio.ts";
import { makeTempDir } from "#test/helpers/temp-dir.ts";
import { waitFor } from "#test/helpers/wait-for.ts";
import { closedPortHost } from "#test/stand-ins/ollama/closed-port-host.ts";
import { type OllamaStandIn, startOllamaStandIn } from "#test/stand-ins/ollama-server.ts";
import { main } from "../main.ts";
import { redisLocation } from "./redis-location.ts";

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

  /**
   * The CLI's own REDIS_URL reaches the start's Redis (the start's file does not hold the URL); its
   * QUEUE_PREFIX does not matter: it hands over on the start's (in its file).
   */
  function withQueues(): Record<string, string> {
    return { ...env, REDIS_URL: testRedisUrl, QUEUE_PREFIX: "not-the-start-prefix" };
  }

  async function startSabio(startEnv: Record<string, string> = {}): Promise<ChildProcess> {
    const child = spawnSabio(
      ["start", "answer"],
      { dataDir: env.DATA_DIR ?? "", ollamaHost: ollama.host, prefix },
      startEnv,
    );
    children.push(child);
    await waitForStart(child);
    return child;
  }

  it("hands the ingest to the running start: its report, its errors and its progress come back here", async () => {
    // With a password in its REDIS_URL (the test Redis asks for none, so any is accepted).
    const withPassword = new URL(testRedisUrl);
    withPassword.password = "s3cret-pw";
    const start = await startSabio({ REDIS_URL: withPassword.toString() });
    const marker = join(env.DATA_DIR ?? "", "sabio-start.json");
    const written = await readFile(marker, "utf8");
    expect(written).not.toContain("s3cret-pw");
    expect(written).not.toContain("redis://");
    expect(JSON.parse(written).queues).toEqual({ redis: redisLocation(testRedisUrl), prefix });
    expect((await stat(marker)).mode & 0o777).toBe(0o600);

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

    // This start runs no sync role: sync says exactly what to do instead.
    const sync = await runSabio(["sync", "--workspace", "acme", "--source", "files-x"], withQueues());
    expect(sync.code).toBe(2);
    expect(sync.notes).toContain("so sync cannot open it");
    expect(sync.notes).toContain("Handing the sync to it failed: it does not run the sync role");
    expect(sync.notes).toContain("`sabio start answer sync`");
    expect(sync.notes).toContain("`sabio ingest <its folder> --workspace acme --source files-x`");
    expect(sync.notes).toContain("DATABASE_URL");

    const exited = once(start, "exit");
    start.kill("SIGINT");
    await exited;
    expect(existsSync(join(env.DATA_DIR ?? "", "sabio-start.json"))).toBe(false);
    const after = await runSabio(["ingest", wiki, "--workspace", "acme", "--json"], env);
    expect(after.code).toBe(0);
    expect(JSON.parse(after.stdout)).toMatchObject({ documents: 2, unchanged: 2 });
  }, 180_000);

  /** A live process stands in for the start: only its pid and what it wrote are looked at. */
  async function standInStart(name: string, written: Record<string, unknown>): Promise<string> {
    const stand = spawn(process.execPath, ["-e", "setInterval(() => {}, 1000)"], { stdio: "ignore" });
    children.push(stand);
    const dataDir = join(temp.path, name);
    await mkdir(dataDir);
    await writeFile(
      join(dataDir, "sabio-start.json"),
      JSON.stringify({ pid: stand.pid, startedAt: new Date().toISOString(), ...written }),
    );
    return dataDir;
  }

  it("when the start cannot be reached (its Redis down), it says exactly what to do, exit 2", async () => {
    // Its Redis, and this command's, is a closed port.
    const closedRedis = (await closedPortHost()).replace("http:", "redis:");
    const dataDir = await standInStart("data-down", {
      roles: ["answer"],
      database: "embedded",
      ingestSecret: "ab".repeat(32),
      queues: { redis: redisLocation(closedRedis), prefix },
    });
    const stand = { pid: JSON.parse(await readFile(join(dataDir, "sabio-start.json"), "utf8")).pid };
    const down = { ...env, DATA_DIR: dataDir, REDIS_URL: closedRedis };
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

  it("a command whose REDIS_URL points at another Redis than the start's says so, and what to set", async () => {
    const dataDir = await standInStart("data-elsewhere", {
      roles: ["answer", "sync"],
      database: "embedded",
      ingestSecret: "cd".repeat(32),
      queues: { redis: "redis.internal:6380/2", prefix },
    });
    const elsewhere = { ...env, DATA_DIR: dataDir, REDIS_URL: "redis://:pw@127.0.0.1:6379" };
    for (const argv of [
      ["ingest", wiki, "--workspace", "acme"],
      ["sync", "--workspace", "acme"],
    ]) {
      const run = await runSabio(argv, elsewhere);
      expect(run.code).toBe(2);
      expect(run.notes).toContain(
        "`sabio start` uses the Redis at redis.internal:6380/2, but this command's REDIS_URL points at 127.0.0.1:6379/0",
      );
      expect(run.notes).toContain("set the same REDIS_URL as `sabio start`");
      expect(run.notes).not.toContain(":pw@");
    }
    expect(existsSync(join(dataDir, "pglite"))).toBe(false);
  });

  it("a start that dies mid-ingest: the ingest says so, non-zero, and nothing it did not finish counts as done", async () => {
    const start = await startSabio();
    const overtime = join(temp.path, "wiki-overtime");
    await mkdir(overtime);
    await writeFile(
      join(overtime, "overtime.md"),
      "# Overtime\n\nOvertime is paid at one and a half times.\n",
    );
    // The start's embedding never answers: the ingest is held mid-way, before anything is written.
    ollama.failEmbed("hang");
    const handed = runSabio(["ingest", overtime, "--workspace", "acme"], withQueues());
    await waitFor(
      async () =>
        ollama
          .requestsTo("/api/embed")
          .some((request) => JSON.stringify(request.body).includes("one and a half"))
          ? true
          : undefined,
      60_000,
    );
    const exited = once(start, "exit");
    start.kill("SIGKILL");
    await exited;
    const result = await handed;
    ollama.failEmbed(null);
    expect(result.code).not.toBe(0);
    expect(result.notes).toContain("`sabio start` stopped before the ingest finished: it is not done");
    expect(result.notes).toContain("run the ingest again in a minute");
    expect(result.stdout).not.toContain("documents");

    // The dead start's hold on the folder runs out within a minute (not after the longest ingest);
    // expired now instead of waiting for it.
    const database = await openDatabase({ dataDir: env.DATA_DIR ?? "" });
    try {
      const held = await database.db
        .select({ short: sql<boolean>`${sourceConnections.syncLeaseUntil} <= now() + interval '1 minute'` })
        .from(sourceConnections)
        .where(and(eq(sourceConnections.kind, "files"), gt(sourceConnections.syncLeaseUntil, sql`now()`)));
      expect(held).toEqual([{ short: true }]);
      await database.db.execute(
        sql`update source_connections set sync_lease_until = now() - interval '1 second'`,
      );
    } finally {
      await database.close();
    }
    // Run again without start: the document is read and written now, as nothing of it was recorded.
    const again = await runSabio(["ingest", overtime, "--workspace", "acme", "--json"], env);
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({ documents: 1, unchanged: 0 });
  }, 180_000);

  it("a start without the answer role takes no ingest: says which role to run, exit 2", async () => {
    const dataDir = await standInStart("data-sync-only", {
      roles: ["sync"],
      database: "embedded",
      queues: { redis: redisLocation(testRedisUrl), prefix },
    });
    const ingest = await runSabio(["ingest", wiki, "--workspace", "acme"], { ...env, DATA_DIR: dataDir });
    expect(ingest.code).toBe(2);
    expect(ingest.notes).toContain("Handing the ingest to it failed: it does not run the answer role");
    expect(ingest.notes).toContain("restart it with the answer role");
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
  }, 180_000);

  it("a start on PostgreSQL: an ingest without DATABASE_URL would fill a database start never reads", async () => {
    const dataDir = await standInStart("data-pg", { roles: ["answer"], database: "postgresql" });
    const ingest = await runSabio(["ingest", wiki, "--workspace", "acme"], { ...env, DATA_DIR: dataDir });
    expect(ingest.code).toBe(2);
    expect(ingest.notes).toContain("keeps its state in PostgreSQL");
    expect(ingest.notes).toContain("same DATABASE_URL");
    expect(existsSync(join(dataDir, "pglite"))).toBe(false);
  });
});
