import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runSabio } from "#test/helpers/run-sabio.ts";
import { makeTempDir } from "#test/helpers/temp-dir.ts";
import { closedPortHost } from "#test/stand-ins/ollama/closed-port-host.ts";
import { closestName } from "./closest-name.ts";

describe("ask and search on a workspace with no documents", () => {
  let temp: Awaited<ReturnType<typeof makeTempDir>>;
  let env: Record<string, string>;

  beforeAll(async () => {
    temp = await makeTempDir();
    env = { DATA_DIR: join(temp.path, "data"), OLLAMA_HOST: await closedPortHost() };
    const wiki = join(temp.path, "wiki");
    await mkdir(wiki);
    await writeFile(join(wiki, "leave.md"), "# Leave\n\nEveryone gets twenty-five vacation days.\n");
    const ingested = await runSabio(["ingest", wiki, "--workspace", "18f"], env);
    expect(ingested.code).toBe(0);
  });
  afterAll(async () => {
    await temp?.remove();
  });

  it.each([
    [["ask", "How many vacation days?", "--workspace", "18g"]],
    [["search", "vacation days", "--workspace", "18g"]],
  ])("%j says so and suggests the close one, exit 2 (the user's input)", async (argv) => {
    const run = await runSabio(argv, env);
    expect(run.code).toBe(2);
    expect(run.notes).toContain('Workspace "18g" has no documents — did you mean 18f?');
    expect(run.notes).toContain("--workspace 18f");
    expect(run.stdout).toBe("");
    expect(run.notes).not.toMatch(/couldn't find/i);
  });

  it("with --json the error is JSON on stdout, same exit code", async () => {
    const run = await runSabio(["ask", "How many vacation days?", "--workspace", "18g", "--json"], env);
    expect(run.code).toBe(2);
    expect(JSON.parse(run.stdout)).toEqual({
      error: {
        code: "invalid_workspace",
        message: 'Workspace "18g" has no documents — did you mean 18f?',
        hint: expect.stringContaining("sabio ingest <folder> --workspace 18g"),
      },
    });
  });

  it("with nothing close, it says how to fill the workspace", async () => {
    const run = await runSabio(["search", "vacation", "--workspace", "marketing"], env);
    expect(run.code).toBe(2);
    expect(run.notes).toContain('Workspace "marketing" has no documents.');
    expect(run.notes).toContain("workspaces with documents: 18f");
    expect(run.notes).toContain("sabio ingest <folder> --workspace marketing");
  });

  it("a workspace with documents still answers", async () => {
    const run = await runSabio(["search", "vacation days", "--workspace", "18f", "--json"], env);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).results.length).toBeGreaterThan(0);
  });
});

describe("closestName", () => {
  it("finds a one-letter slip, not a different short word", () => {
    expect(closestName("18g", ["18f", "acme"])).toBe("18f");
    expect(closestName("enginering", ["engineering", "sales"])).toBe("engineering");
    expect(closestName("hr", ["it"])).toBeUndefined();
    expect(closestName("marketing", ["18f"])).toBeUndefined();
  });
});
