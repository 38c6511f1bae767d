import { chmod, mkdir, readdir, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testRedisUrl } from "#test/helpers/queue-test-kit.ts";
import { runSabio } from "#test/helpers/run-sabio.ts";
import { makeTempDir } from "#test/helpers/temp-dir.ts";
import { closedPortHost } from "#test/stand-ins/ollama/closed-port-host.ts";

/** Finding 6: DATA_DIR holds questions and documents; nothing in it is open to other local users. */
describe("DATA_DIR is private", () => {
  let temp: Awaited<ReturnType<typeof makeTempDir>>;
  let env: Record<string, string>;

  beforeAll(async () => {
    temp = await makeTempDir();
    env = {
      DATA_DIR: join(temp.path, "data"),
      OLLAMA_HOST: await closedPortHost(),
      REDIS_URL: testRedisUrl,
    };
    const folder = join(temp.path, "wiki");
    await mkdir(folder);
    await writeFile(join(folder, "leave.md"), "# Leave\n\nParental leave is sixteen weeks.\n");
  });

  afterAll(async () => {
    await temp?.remove();
  });

  async function exposed(path: string): Promise<string[]> {
    const stats = await stat(path);
    const own = (stats.mode & 0o077) === 0 ? [] : [`${path} ${(stats.mode & 0o777).toString(8)}`];
    if (!stats.isDirectory()) return own;
    const children = await readdir(path);
    return [...own, ...(await Promise.all(children.map((name) => exposed(join(path, name))))).flat()];
  }

  it("after an ingest, nothing under DATA_DIR has a group or other bit", async () => {
    const result = await runSabio(["ingest", join(temp.path, "wiki"), "--workspace", "acme"], env);
    expect(result.code).toBe(0);
    expect((await stat(env.DATA_DIR ?? "")).mode & 0o777).toBe(0o700);
    expect(await readdir(join(env.DATA_DIR ?? "", "pglite"))).not.toEqual([]);
    expect(await exposed(env.DATA_DIR ?? "")).toEqual([]);
  });

  it("doctor warns about a file others may read, and the next open makes it private again", async () => {
    const file = join(env.DATA_DIR ?? "", "pglite", "PG_VERSION");
    await chmod(file, 0o644);
    const warned = await runSabio(["doctor"], env);
    expect(warned.stdout).toMatch(/WARN +Data directory: group or others may read or write .*PG_VERSION/);
    expect(warned.stdout).toContain(`fix: chmod -R go-rwx ${env.DATA_DIR}`);
    // doctor itself opened the database, which repairs it.
    expect(await exposed(env.DATA_DIR ?? "")).toEqual([]);
    const clean = await runSabio(["doctor"], env);
    expect(clean.stdout).toMatch(/ok +Data directory: .* is private to this user/);
  });
});
