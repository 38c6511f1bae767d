import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runSabio } from "#test/helpers/run-sabio.ts";
import { makeTempDir } from "#test/helpers/temp-dir.ts";
import { closedPortHost } from "#test/stand-ins/ollama/closed-port-host.ts";
import { type OllamaStandIn, startOllamaStandIn } from "#test/stand-ins/ollama-server.ts";

const run = promisify(execFile);

describe("sabio CLI", () => {
  let temp: Awaited<ReturnType<typeof makeTempDir>>;
  let ollama: OllamaStandIn;
  let offline: Record<string, string>;
  let online: Record<string, string>;
  let folder: string;

  async function sabio(argv: string[], env: Record<string, string> = offline) {
    const { code, stdout, notes } = await runSabio(argv, env);
    return { code, stdout: stdout.trim(), stderr: notes };
  }

  beforeAll(async () => {
    temp = await makeTempDir();
    ollama = await startOllamaStandIn();
    offline = { DATA_DIR: join(temp.path, "data"), OLLAMA_HOST: await closedPortHost() };
    online = { DATA_DIR: join(temp.path, "data-online"), OLLAMA_HOST: ollama.host };
    folder = join(temp.path, "wiki");
    await mkdir(join(folder, "people"), { recursive: true });
    await writeFile(
      join(folder, "people", "time-off.md"),
      "---\ntitle: Time off\nowner: secret-owner-field\n---\n\n# Time off\n\nEveryone gets twenty-five vacation days a year.\n",
    );
    await writeFile(join(folder, "deploys.md"), "# Deploys\n\nDeploys are frozen on Fridays after three.\n");
    // Latin-1 Spanish text: must be decoded, not mangled.
    await writeFile(
      join(folder, "vacaciones.txt"),
      Buffer.from("Las vacaciones se piden con dos semanas de antelación en la aplicación.", "latin1"),
    );
    await writeFile(join(folder, "logo.png"), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0]));
    await writeFile(join(folder, "broken.pdf"), Buffer.from("%PDF-1.7 this is not really a pdf at all"));
    // A 5 MB single line: must be ingested without hanging or failing.
    await writeFile(join(folder, "huge-line.txt"), `zebra${"x".repeat(5 * 1024 * 1024)}`);
  });

  afterAll(async () => {
    await ollama?.stop();
    await temp?.remove();
  });

  describe("bad usage exits with code 2 and the one usage line of that command", () => {
    it.each([
      [[], "No command given", "Usage: sabio <command> [options]"],
      [["fly"], 'Unknown command "fly"', "Usage: sabio <command> [options]"],
      [["search", "x", "--wat"], 'Unknown option "--wat".', "Usage: sabio search <query> --workspace <id>"],
      [["ingest", "somewhere"], "ingest needs --workspace", "Usage: sabio ingest <path> --workspace <id>"],
      [
        ["search", "x", "-w", "acme", "--limit", "many"],
        "--limit must be a whole number",
        "Usage: sabio search <query>",
      ],
      [["ask", "--workspace", "acme", "--limit"], "--limit needs a value.", "Usage: sabio ask <question>"],
      [["ask", "q", "--json=yes"], "--json takes no value.", "Usage: sabio ask <question>"],
    ])("%j", async (argv, message, usageLine) => {
      const result = await sabio(argv);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain(message);
      expect(result.stderr).toContain(usageLine);
      expect(result.stderr).toContain("Run `sabio --help` for all commands.");
      // Not the whole usage text, and not parseArgs' `-- "--wat"` advice.
      expect(result.stderr).not.toContain("Commands:");
      expect(result.stderr).not.toContain('-- "');
      expect(result.stderr).not.toContain("npm run");
      expect(result.stdout).toBe("");
    });

    it("says once that npm needs `--` before the options, only when npm ran the sabio script", async () => {
      const viaNpm = await sabio(["ask", "q"], {
        ...offline,
        npm_lifecycle_event: "sabio",
        INIT_CWD: temp.path,
      });
      expect(viaNpm.code).toBe(2);
      expect(viaNpm.stderr.match(/npm run --silent sabio -- <command>/g)).toHaveLength(1);
      const viaNpx = await sabio(["ask", "q"], { ...offline, npm_lifecycle_event: "npx" });
      expect(viaNpx.stderr).not.toContain("npm run");
    });

    it("prints one command's usage for `<command> --help`, all of them for --help", async () => {
      const ingest = await sabio(["ingest", "--help"]);
      expect(ingest.code).toBe(0);
      expect(ingest.stdout).toContain("sabio ingest <path> --workspace <id>");
      expect(ingest.stdout).not.toContain("sabio ask");
      const all = await sabio(["--help"]);
      expect(all.stdout).toContain("Usage: sabio <command> [options]");
      expect(all.stdout).toContain("doctor");
    });
  });

  it.each([["--version"], ["version"], ["ask", "--version"]])(
    "%s prints package.json's version and nothing else",
    async (...argv) => {
      const { version } = JSON.parse(await readFile("package.json", "utf8"));
      const result = await sabio(argv, { ...offline, OLLAMA_HOST: "not a url" });
      expect(result).toEqual({ code: 0, stdout: version, stderr: "" });
    },
  );

  describe("with --json, errors are one JSON document on stdout and keep their exit code", () => {
    it.each([
      [["search", "x", "--wat", "--json"], {}, 2, "usage", /Unknown option "--wat"/],
      [["ask", "q", "--json"], {}, 2, "usage", /ask needs --workspace/],
      [["search", "x", "-w", "acme", "--json"], { ANSWER_TOP_K: "-3" }, 2, "invalid_config", /ANSWER_TOP_K/],
      [["sources", "-w", "../x", "--json"], {}, 2, "invalid_workspace", /Invalid workspace id/],
      [
        ["ingest", "/nonexistent-sabio-folder", "-w", "acme", "--json"],
        {},
        2,
        "invalid_input",
        /nonexistent/,
      ],
    ])("%j", async (argv, env, code, errorCode, message) => {
      const result = await sabio(argv as string[], { ...offline, ...(env as Record<string, string>) });
      expect(result.code).toBe(code);
      expect(result.stderr).toBe("");
      const { error } = JSON.parse(result.stdout);
      expect(Object.keys(error)).toEqual(["code", "message", "hint"]);
      expect(error.code).toBe(errorCode);
      expect(error.message).toMatch(message);
    });

    it("a usage error's hint is the command's usage line", async () => {
      const { error } = JSON.parse((await sabio(["ask", "q", "--json"])).stdout);
      expect(error.hint).toContain("Usage: sabio ask <question> --workspace <id> [--as <email>] [--json]");
    });
  });

  it("a DATA_DIR that cannot be created is a configuration error naming it, at once (no spin)", async () => {
    // Node's recursive mkdir loops forever here on Linux; this test would time out.
    const result = await sabio(["ingest", folder, "-w", "acme"], {
      ...offline,
      DATA_DIR: "/proc/sabio-nope",
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("DATA_DIR: cannot create /proc/sabio-nope");
    expect(result.stderr).toContain("Hint: Set DATA_DIR to a folder this user can write");
  });

  it("gives each bad variable one line with one example", async () => {
    const result = await sabio(["ask", "q", "-w", "acme"], {
      ...offline,
      ANSWER_TOP_K: "-3",
      EMBED_DIMENSIONS: "300",
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      "Invalid configuration:\n" +
        "  EMBED_DIMENSIONS: must be 768, 512, 256 or 128 (EmbeddingGemma's Matryoshka sizes), e.g. 256\n" +
        "  ANSWER_TOP_K: must be at least 1, e.g. 6\n",
    );
  });

  it("fails at start on malformed configuration, naming the variable, exit 2, no stack trace", async () => {
    const result = await sabio(["search", "x", "-w", "acme"], { ...offline, EMBED_DIMENSIONS: "lots" });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("EMBED_DIMENSIONS");
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it("rejects a workspace id that could escape the data directory", async () => {
    const result = await sabio(["ingest", folder, "--workspace", "../../etc"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("Invalid workspace id");
    expect(existsSync(join(temp.path, "etc"))).toBe(false);
  });

  it("reports a folder that does not exist", async () => {
    const result = await sabio(["ingest", join(temp.path, "nope"), "--workspace", "acme"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("nope");
  });

  it("ingests an empty folder as zero documents", async () => {
    const empty = join(temp.path, "empty");
    await mkdir(empty);
    const result = await sabio(["ingest", empty, "--workspace", "empty", "--json"]);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ documents: 0, chunks: 0, failed: [] });
  });

  it("ingests a folder, reporting failures and skips without losing the rest, then re-ingests for free", async () => {
    const first = await sabio(["ingest", folder, "--workspace", "acme", "--json"]);
    expect(first.code).toBe(0);
    const report = JSON.parse(first.stdout);
    expect(report).toMatchObject({ documents: 4, unchanged: 0, deleted: 0, embedded: 0 });
    expect(report.chunks).toBeGreaterThanOrEqual(4);
    expect(report.failed).toEqual([{ path: "broken.pdf", error: expect.any(String) }]);
    expect(report.skipped).toEqual([{ path: "logo.png", reason: expect.stringContaining("unsupported") }]);

    const second = JSON.parse((await sabio(["ingest", folder, "--workspace", "acme", "--json"])).stdout);
    expect(second).toMatchObject({ documents: 4, chunks: 0, embedded: 0, unchanged: 4, deleted: 0 });
  });

  it("resolves typed paths against the directory `npm run sabio` was typed in (INIT_CWD)", async () => {
    const viaNpm = { ...offline, npm_lifecycle_event: "sabio", INIT_CWD: temp.path };
    const ingested = await sabio(["ingest", "wiki", "-w", "typed", "--json"], viaNpm);
    expect(ingested.code).toBe(0);
    expect(JSON.parse(ingested.stdout).path).toBe(folder);
    await writeFile(
      join(temp.path, "typed.jsonl"),
      `${JSON.stringify({ id: 1, query: "deploys fridays" })}\n`,
    );
    const batch = await sabio(["search", "--batch", "typed.jsonl", "-w", "typed", "--limit", "1"], viaNpm);
    expect(JSON.parse(batch.stdout).results[0].url).toBe("wiki/deploys.md");
    // Another script's INIT_CWD (`npm test`, `npm run demo`) is not where these words were typed.
    const otherScript = { ...viaNpm, npm_lifecycle_event: "test" };
    const notThere = await sabio(["ingest", "wiki", "-w", "typed"], otherScript);
    expect(notThere.code).toBe(2);
    expect(notThere.stderr).toContain(join(process.cwd(), "wiki"));
  });

  it("ingest, search and ask never read REDIS_URL; the commands that use Redis reject a junk one", async () => {
    const junk = { ...offline, REDIS_URL: "not a url" };
    expect((await sabio(["ingest", folder, "-w", "redisless", "--json"], junk)).code).toBe(0);
    const search = await sabio(["search", "vacation days", "-w", "redisless", "--json"], junk);
    expect(JSON.parse(search.stdout).results.length).toBeGreaterThan(0);
    const ask = await sabio(["ask", "How many vacation days?", "-w", "redisless", "--json"], junk);
    expect(JSON.parse(ask.stdout).answer).toContain("twenty-five");
    const doctor = await sabio(["doctor"], junk);
    expect(doctor.code).toBe(2);
    expect(doctor.stderr).toContain("REDIS_URL: must be a URL");
  });

  it("searches with JSON output, folding accents and case", async () => {
    const result = await sabio([
      "search",
      "ANTELACION aplicacion",
      "--workspace",
      "acme",
      "--json",
      "--limit",
      "2",
    ]);
    expect(result.code).toBe(0);
    const { results } = JSON.parse(result.stdout);
    expect(results[0]).toMatchObject({
      title: expect.any(String),
      url: "wiki/vacaciones.txt",
      documentId: expect.any(String),
    });
    expect(results[0].text).toContain("antelación");
    expect(typeof results[0].score).toBe("number");
    expect(results.length).toBeLessThanOrEqual(2);
  });

  it("does not index front matter as text", async () => {
    const { results } = JSON.parse(
      (await sabio(["search", "secret-owner-field", "-w", "acme", "--json"])).stdout,
    );
    expect(results).toEqual([]);
  });

  it("runs many queries from a JSONL file in one process", async () => {
    const batch = join(temp.path, "queries.jsonl");
    await writeFile(
      batch,
      `${JSON.stringify({ id: "q1", query: "vacation days" })}\n${JSON.stringify({ id: 2, query: "deploy freeze fridays" })}\n`,
    );
    const result = await sabio(["search", "--batch", batch, "--workspace", "acme", "--limit", "1"]);
    expect(result.code).toBe(0);
    const lines = result.stdout.split("\n").map((line) => JSON.parse(line));
    expect(lines.map((line) => line.id)).toEqual(["q1", 2]);
    expect(lines[0].results[0].url).toBe("wiki/people/time-off.md");
    expect(lines[1].results[0].url).toBe("wiki/deploys.md");
  });

  it("answers extractively with citations when Ollama is unreachable", async () => {
    const result = await sabio(["ask", "How many vacation days do we get?", "--workspace", "acme", "--json"]);
    expect(result.code).toBe(0);
    const answer = JSON.parse(result.stdout);
    expect(answer.mode).toBe("extractive");
    expect(answer.model).toBeNull();
    expect(answer.answer).toContain("twenty-five vacation days");
    expect(answer.sources[0]).toEqual({ n: 1, title: "Time off", url: "wiki/people/time-off.md" });
  });

  it("answers with the model when Ollama is there, streaming to stdout", async () => {
    expect((await sabio(["ingest", folder, "--workspace", "acme"], online)).code).toBe(0);
    const result = await sabio(["ask", "When are deploys frozen?", "--workspace", "acme"], online);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("frozen on Fridays");
    expect(result.stdout).toContain("Sources:");
    expect(result.stdout).toContain("[1] Deploys — wiki/deploys.md");
  });

  it.each([
    ["", "The question is empty"],
    ["why ".repeat(12_500), "the limit is 4,000"],
  ])("rejects an unusable question (%#) with exit 2", async (question, message) => {
    const result = await sabio(["ask", question, "--workspace", "acme"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
  });

  it("removes files that disappeared since the last ingest", async () => {
    await rm(join(folder, "deploys.md"));
    const report = JSON.parse((await sabio(["ingest", folder, "--workspace", "acme", "--json"])).stdout);
    expect(report.deleted).toBe(1);
    const { results } = JSON.parse(
      (await sabio(["search", "deploys frozen fridays", "-w", "acme", "--json"])).stdout,
    );
    expect(results.map((result: { url: string }) => result.url)).not.toContain("wiki/deploys.md");
  });

  it("as a real process: stdout is exactly one JSON document, logs stay on stderr", async () => {
    const { stdout } = await run(
      process.execPath,
      [
        "--disable-warning=ExperimentalWarning",
        "cli/main.ts",
        "ask",
        "vacation days",
        "-w",
        "acme",
        "--json",
      ],
      { env: { ...process.env, ...offline, LOG_LEVEL: "debug" } },
    );
    expect(JSON.parse(stdout)).toMatchObject({ mode: "extractive" });
  });

  it("as a real process: bad configuration exits 2", async () => {
    const failure = await run(process.execPath, ["cli/main.ts", "doctor"], {
      env: { ...process.env, OLLAMA_HOST: "nope" },
    }).catch((error: { code: number; stderr: string }) => error);
    expect(failure).toMatchObject({ code: 2 });
    expect((failure as { stderr: string }).stderr).toContain("OLLAMA_HOST: must be a URL");
  });
});
