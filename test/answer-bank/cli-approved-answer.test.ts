import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runSabio } from "#test/helpers/run-sabio.ts";
import { makeTempDir } from "#test/helpers/temp-dir.ts";
import { type OllamaStandIn, startOllamaStandIn } from "#test/stand-ins/ollama-server.ts";

/** `ask` → `approve` → a rephrased `ask` gets the approved answer, until the file changes: the real CLI. */
describe("sabio ask serves an approved answer", () => {
  let temp: Awaited<ReturnType<typeof makeTempDir>>;
  let ollama: OllamaStandIn;
  let env: Record<string, string>;
  let folder: string;
  const sabio = async (argv: string[]) => {
    const { code, stdout } = await runSabio(argv, env);
    return { code, stdout: stdout.trim() };
  };
  const ask = async (question: string) =>
    JSON.parse((await sabio(["ask", question, "-w", "acme", "--json"])).stdout);

  beforeAll(async () => {
    temp = await makeTempDir();
    ollama = await startOllamaStandIn();
    env = { DATA_DIR: join(temp.path, "data"), OLLAMA_HOST: ollama.host };
    folder = join(temp.path, "wiki");
    await mkdir(folder, { recursive: true });
    await writeFile(join(folder, "time-off.md"), "# Time off\n\nEveryone gets 25 vacation days per year.\n");
    expect((await sabio(["ingest", folder, "--workspace", "acme"])).code).toBe(0);
  });
  afterAll(async () => {
    await ollama?.stop();
    await temp?.remove();
  });

  it("labels it with its approver, asks no model, and answers afresh once the file changed", async () => {
    const first = await ask("How many vacation days do I get per year?");
    expect(first.mode).toBe("generated");
    expect((await sabio(["approve", "-w", "acme", "--question", first.questionId, "--by", "mo"])).code).toBe(
      0,
    );

    ollama.requests.length = 0;
    const approved = await ask("How many days of vacation do I get each year?");
    expect(approved).toMatchObject({ mode: "approved", approvedBy: "mo", answer: first.answer });
    expect(ollama.requestsTo("/api/chat")).toHaveLength(0);
    const text = await sabio(["ask", "How many days of vacation do I get each year?", "-w", "acme"]);
    expect(text.stdout).toContain("✅ Approved answer, by mo");

    await writeFile(join(folder, "time-off.md"), "# Time off\n\nEveryone gets 27 vacation days per year.\n");
    expect((await sabio(["ingest", folder, "--workspace", "acme"])).code).toBe(0);
    const fresh = await ask("How many days of vacation do I get each year?");
    expect(fresh.mode).toBe("generated");
    expect(fresh.answer).toContain("27");
  });
});
