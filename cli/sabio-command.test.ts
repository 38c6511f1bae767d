import { execFile, execFileSync } from "node:child_process";
import { accessSync, constants, existsSync, readFileSync } from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { delimiter, dirname, join, resolve } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeTempDir } from "#test/helpers/temp-dir.ts";
import { closedPortHost } from "#test/stand-ins/ollama/closed-port-host.ts";

const run = promisify(execFile);
const repo = resolve(import.meta.dirname, "..");
const launcher = join(repo, "bin", "sabio.js");
const packageJson = JSON.parse(readFileSync(join(repo, "package.json"), "utf8"));

/** A Node older than 24 on this machine (the system one, outside the repo's .tooling), if any. */
function findOldNode(): string | undefined {
  const fromPath = (process.env.PATH ?? "")
    .split(delimiter)
    .filter((directory) => directory !== "" && !directory.includes(".tooling"))
    .map((directory) => join(directory, "node"));
  for (const candidate of ["/usr/bin/node", "/usr/local/bin/node", ...fromPath]) {
    if (!existsSync(candidate)) continue;
    try {
      const version = execFileSync(candidate, ["--version"], { encoding: "utf8" }).trim();
      if (Number(version.slice(1).split(".")[0]) < 24) return candidate;
    } catch {}
  }
  return undefined;
}

const oldNode = findOldNode();

describe("the sabio command", () => {
  let temp: Awaited<ReturnType<typeof makeTempDir>>;
  let env: Record<string, string | undefined>;

  beforeAll(async () => {
    temp = await makeTempDir();
    env = {
      ...process.env,
      DATA_DIR: join(temp.path, "data"),
      OLLAMA_HOST: await closedPortHost(),
      // An outer `npm test` must not look like `npm run sabio` to the children.
      npm_lifecycle_event: undefined,
      INIT_CWD: undefined,
    };
  });

  afterAll(async () => {
    await temp?.remove();
  });

  it("is package.json's bin: an executable plain-JS launcher asking for the Node that engines names", async () => {
    expect(packageJson.bin).toEqual({ sabio: "bin/sabio.js" });
    accessSync(launcher, constants.X_OK);
    const source = await readFile(launcher, "utf8");
    expect(source.startsWith("#!/usr/bin/env node\n")).toBe(true);
    const required = /const requiredMajor = (\d+);/.exec(source)?.[1];
    expect(packageJson.engines.node).toBe(`>=${required}`);
  });

  it("works on PATH after `npm link`, from any directory, and prints the version", async () => {
    const prefix = join(temp.path, "npm-prefix");
    await run("npm", ["link", "--ignore-scripts", "--no-audit", "--no-fund"], {
      cwd: repo,
      env: { ...env, npm_config_prefix: prefix },
    });
    const path = [join(prefix, "bin"), dirname(process.execPath), env.PATH].join(delimiter);
    const { stdout, stderr } = await run("sabio", ["--version"], {
      cwd: temp.path,
      env: { ...env, PATH: path },
    });
    expect(stdout).toBe(`${packageJson.version}\n`);
    expect(stderr).toBe("");
  });

  it("runs as `npx sabio` inside the repository", async () => {
    const { stdout } = await run("npx", ["--no-install", "sabio", "--version"], {
      cwd: join(repo, "sample"),
      env,
    });
    expect(stdout).toBe(`${packageJson.version}\n`);
  });

  it("through `npm run sabio` from elsewhere, resolves a typed path against where it was typed", async () => {
    await mkdir(join(temp.path, "wiki"));
    await writeFile(join(temp.path, "wiki", "a.md"), "# A\n\nThe office opens at nine.\n");
    const { stdout } = await run(
      "npm",
      ["--prefix", repo, "run", "--silent", "sabio", "--", "ingest", "wiki", "-w", "typed", "--json"],
      { cwd: temp.path, env },
    );
    expect(JSON.parse(stdout)).toMatchObject({ path: join(temp.path, "wiki"), documents: 1 });
  });

  it("hides Node's ExperimentalWarning and prints every other warning", async () => {
    const script = `await import(${JSON.stringify(launcher)});
process.emitWarning("hidden", "ExperimentalWarning");
process.emitWarning("shown", "DeprecationWarning");`;
    const result = await run(process.execPath, ["--input-type=module", "-e", script], { env }).catch(
      (error: { stderr: string }) => error,
    );
    expect(result.stderr).toContain("DeprecationWarning: shown");
    expect(result.stderr).not.toContain("hidden");
  });

  it.skipIf(oldNode === undefined)(
    "on Node older than 24 prints one line saying what to install, exit 1 (skipped: no Node < 24 on this machine)",
    async () => {
      const failure = await run(oldNode as string, [launcher, "--version"], { env }).catch(
        (error: { code: number; stdout: string; stderr: string }) => error,
      );
      expect(failure).toMatchObject({ code: 1, stdout: "" });
      const { stderr } = failure as { stderr: string };
      expect(stderr.trim().split("\n")).toHaveLength(1);
      expect(stderr).toMatch(/^sabio needs Node\.js 24 or newer \(this is v\d+\.\d+\.\d+\)/);
      expect(stderr).toContain("npm install -g node@24");
      expect(stderr).not.toContain("ERR_UNKNOWN_FILE_EXTENSION");
    },
  );
});
