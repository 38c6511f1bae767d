import { join } from "node:path";
import { PassThrough } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeTempDir } from "#test/helpers/temp-dir.ts";
import { type NotionStandIn, startNotionStandIn } from "#test/stand-ins/notion-server.ts";
import { type OllamaStandIn, startOllamaStandIn } from "#test/stand-ins/ollama-server.ts";
import { main } from "../main.ts";
import type { ProgressTerminal } from "../output.ts";
import { syncProgressLine } from "./sync-progress-line.ts";

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

describe("sync progress (Notion) on stderr", () => {
  let temp: Awaited<ReturnType<typeof makeTempDir>>;
  let notion: NotionStandIn;
  let ollama: OllamaStandIn;
  let env: Record<string, string>;

  beforeAll(async () => {
    temp = await makeTempDir();
    notion = await startNotionStandIn({ clock: "2026-01-01T09:00:00.000Z" });
    ollama = await startOllamaStandIn();
    env = {
      DATA_DIR: join(temp.path, "data"),
      OLLAMA_HOST: ollama.host,
      NOTION_TOKEN: notion.token,
      NOTION_API_URL: notion.url,
    };
    for (const title of ["Onboarding", "Parking", "Payroll"]) {
      notion.addPage({
        title,
        parent: { workspace: true },
        blocks: [{ type: "paragraph", text: `${title} works the way the team agreed.` }],
      });
    }
  });
  afterAll(async () => {
    await notion?.close();
    await ollama?.stop();
    await temp?.remove();
  });

  async function sync(argv: string[], stderr: ProgressTerminal) {
    let stdout = "";
    const code = await main(["sync", "--workspace", "default", ...argv], env, {
      out: (text) => {
        stdout += `${text}\n`;
      },
      note: () => {},
      write: () => {},
      terminal: stderr,
    });
    return { code, stdout };
  }

  it("on a terminal, counts pages and embedded chunks up; the summary stays on stdout", async () => {
    const tty = terminal(true);
    const { code, stdout } = await sync(["--full"], tty);
    expect(code).toBe(0);
    expect(tty.drawn()).toMatch(/Syncing .*: 3 documents · \d+ chunks embedded/);
    expect(stdout).toContain("3 documents read");
  });

  it("piped or with --json: nothing drawn", async () => {
    const pipe = terminal(false);
    expect((await sync(["--full"], pipe)).code).toBe(0);
    expect(pipe.drawn()).toBe("");
    const tty = terminal(true);
    expect((await sync(["--full", "--json"], tty)).code).toBe(0);
    expect(tty.drawn()).toBe("");
  });

  it("shows the rate from the clock it is given", () => {
    const tty = terminal(true);
    let now = 0;
    const line = syncProgressLine(tty, { quiet: false, label: "Notion", now: () => now });
    now = 4_000;
    line.onProgress?.({ pages: 8, embedded: 20 });
    line.stop();
    expect(tty.drawn()).toContain("Syncing Notion: 8 documents · 20 chunks embedded · 2.0 documents/s");
  });
});
