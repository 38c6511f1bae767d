import { once } from "node:events";
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { spawnSabio } from "#test/helpers/spawn-sabio.ts";
import { makeTempDir } from "#test/helpers/temp-dir.ts";
import { type OllamaStandIn, startOllamaStandIn } from "#test/stand-ins/ollama-server.ts";
import { main } from "../main.ts";
import type { ProgressTerminal } from "../output.ts";
import { ingestProgressBar } from "./ingest-progress-bar.ts";

/** A stand-in stderr: a TTY (or a pipe) that keeps everything drawn on it. */
function terminal(isTTY: boolean): ProgressTerminal & { drawn(): string } {
  const stream = new PassThrough() as PassThrough & ProgressTerminal;
  let drawn = "";
  stream.on("data", (chunk: Buffer) => {
    drawn += chunk.toString("utf8");
  });
  stream.isTTY = isTTY;
  stream.columns = 160;
  return Object.assign(stream, { drawn: () => drawn });
}

/** Cursor and erase codes: what a log file or a pipe must never receive. */
const escapeCodes = new RegExp(`${String.fromCharCode(27)}\\[`);

describe("ingest progress on stderr", () => {
  let temp: Awaited<ReturnType<typeof makeTempDir>>;
  let ollama: OllamaStandIn;
  let folder: string;

  beforeAll(async () => {
    temp = await makeTempDir();
    ollama = await startOllamaStandIn();
    folder = join(temp.path, "wiki");
    await mkdir(folder, { recursive: true });
    for (let index = 0; index < 12; index += 1) {
      await writeFile(
        join(folder, `page-${index}.md`),
        `# Page ${index}\n\nPage ${index} says something useful.\n`,
      );
    }
    // Creates the embedded database and the vector store once, outside the tests' time limit.
    const warm = await main(
      ["ingest", folder, "--workspace", "warm"],
      { DATA_DIR: join(temp.path, "data"), OLLAMA_HOST: ollama.host },
      { out: () => {}, note: () => {}, write: () => {} },
    );
    expect(warm).toBe(0);
  });
  afterAll(async () => {
    await ollama?.stop();
    await temp?.remove();
  });

  function ingest(argv: string[], stderr: ReturnType<typeof terminal>, workspace: string) {
    return run(["ingest", folder, "--workspace", workspace, ...argv], stderr);
  }

  async function run(argv: string[], stderr: ReturnType<typeof terminal>) {
    let stdout = "";
    const code = await main(
      argv,
      { DATA_DIR: join(temp.path, "data"), OLLAMA_HOST: ollama.host },
      {
        out: (text) => {
          stdout += `${text}\n`;
        },
        note: () => {},
        write: (text) => {
          stdout += text;
        },
        terminal: stderr,
      },
    );
    return { code, stdout };
  }

  it("on a terminal: files read, then documents written with chunks embedded, and an ETA", async () => {
    const tty = terminal(true);
    const { code, stdout } = await ingest([], tty, "tty");
    expect(code).toBe(0);
    const drawn = tty.drawn();
    expect(drawn).toMatch(/Reading .*\/12 files/);
    expect(drawn).toMatch(/Embedding .*\/12 documents · \d+ chunks embedded/);
    expect(drawn).toContain("ETA");
    // The summary is the result: on stdout, never mixed into the bar.
    expect(stdout).toContain("12 documents");
    expect(stdout).not.toMatch(escapeCodes);
  });

  it("piped (stderr not a TTY): no progress at all", async () => {
    const pipe = terminal(false);
    const { code } = await ingest([], pipe, "pipe");
    expect(code).toBe(0);
    expect(pipe.drawn()).toBe("");
  });

  it("a real `sabio ingest` with stderr piped (2>log) writes no bar and no cursor codes", async () => {
    const child = spawnSabio(["ingest", folder, "--workspace", "child"], {
      dataDir: join(temp.path, "data"),
      ollamaHost: ollama.host,
      prefix: "unused",
    });
    let stderr = "";
    child.stderr?.on("data", (chunk: Buffer) => {
      stderr += chunk.toString("utf8");
    });
    const [code] = (await once(child, "exit")) as [number | null];
    expect(code).toBe(0);
    expect(stderr).not.toMatch(escapeCodes);
    expect(stderr).not.toContain("Reading");
  }, 90_000);

  it("with --json: no progress even on a terminal, and stdout is the one JSON document", async () => {
    const tty = terminal(true);
    const { code, stdout } = await ingest(["--json"], tty, "json");
    expect(code).toBe(0);
    expect(tty.drawn()).toBe("");
    expect(JSON.parse(stdout)).toMatchObject({ documents: 12 });

    // `sync` of that folder source draws the same bar (and none with --json).
    const { source } = JSON.parse(stdout);
    const syncTty = terminal(true);
    const sync = await run(["sync", "--workspace", "json", "--source", source], syncTty);
    expect(sync.code).toBe(0);
    expect(syncTty.drawn()).toMatch(/Reading .*12\/12 files/);
    const quietTty = terminal(true);
    expect((await run(["sync", "--workspace", "json", "--source", source, "--json"], quietTty)).code).toBe(0);
    expect(quietTty.drawn()).toBe("");
  });

  it("shows the rate once it can be measured, from the clock it is given", () => {
    const tty = terminal(true);
    let now = 1_000;
    const bar = ingestProgressBar(tty, { quiet: false, now: () => now });
    bar.onProgress?.({ phase: "reading", done: 0, total: 40 });
    now += 2_000;
    bar.onProgress?.({ phase: "reading", done: 10, total: 40 });
    bar.stop();
    expect(tty.drawn()).toContain("10/40 files · 5.0 files/s");
  });

  it("draws nothing and computes nothing when quiet", () => {
    const tty = terminal(true);
    const bar = ingestProgressBar(tty, { quiet: true });
    expect(bar.onProgress).toBeUndefined();
    bar.stop();
    expect(tty.drawn()).toBe("");
  });
});
