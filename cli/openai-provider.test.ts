import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testRedisUrl } from "#test/helpers/queue-test-kit.ts";
import { runSabio } from "#test/helpers/run-sabio.ts";
import { makeTempDir } from "#test/helpers/temp-dir.ts";
import { closedPortHost } from "#test/stand-ins/ollama/closed-port-host.ts";
import { type OpenAiStandIn, startOpenAiStandIn } from "#test/stand-ins/openai-server.ts";
import { main } from "./main.ts";

/** MODEL_PROVIDER=openai end to end: ingest embeds, ask streams a generated, cited answer, doctor checks the server. */
describe("sabio with an OpenAI-compatible model server", () => {
  const key = "sk-local-7d2e";
  let temp: Awaited<ReturnType<typeof makeTempDir>>;
  let server: OpenAiStandIn;
  let env: Record<string, string>;

  beforeAll(async () => {
    temp = await makeTempDir();
    server = await startOpenAiStandIn({ apiKey: key, tokenDelayMs: 1 });
    env = {
      DATA_DIR: join(temp.path, "data"),
      MODEL_PROVIDER: "openai",
      OPENAI_BASE_URL: server.baseUrl,
      OPENAI_API_KEY: key,
      // Ollama is nowhere: every model call must go to the OpenAI-compatible server.
      OLLAMA_HOST: await closedPortHost(),
      LOG_LEVEL: "debug",
    };
    const folder = join(temp.path, "wiki");
    await mkdir(folder, { recursive: true });
    await writeFile(
      join(folder, "time-off.md"),
      "# Time off\n\nEveryone gets twenty-five vacation days a year. Request them in the HR portal two weeks ahead.\n",
    );
    await writeFile(join(folder, "deploys.md"), "# Deploys\n\nDeploys are frozen on Fridays after three.\n");
    const ingest = await runSabio(["ingest", folder, "--workspace", "acme", "--json"], env);
    expect(ingest.code).toBe(0);
    expect(JSON.parse(ingest.stdout)).toMatchObject({ documents: 2, embedded: 2 });
  });

  afterAll(async () => {
    await server?.stop();
    await temp?.remove();
  });

  it("streams a generated, cited answer from /v1/chat/completions", async () => {
    server.requests.length = 0;
    const { code, stdout, notes } = await runSabio(
      ["ask", "How many vacation days do we get?", "-w", "acme"],
      env,
    );
    expect(code).toBe(0);
    expect(stdout).toContain("twenty-five vacation days");
    expect(stdout).toContain("[1]");
    expect(stdout).toMatch(/Sources:[\s\S]*\[1\] Time off — wiki\/time-off\.md/);
    const chat = server.requestsTo("/v1/chat/completions");
    expect(chat).toHaveLength(1);
    expect(chat[0]?.body).toMatchObject({ model: "gemma4:e4b", stream: true });
    expect(server.requestsTo("/v1/embeddings")).toHaveLength(1);
    // The key went to the server as a bearer token and nowhere into the output.
    expect(server.authorizations.every((value) => value === `Bearer ${key}`)).toBe(true);
    expect(stdout + notes).not.toContain(key);
  });

  it("writes the answer to the terminal piece by piece, as the server streams it", async () => {
    const writes: string[] = [];
    const output = { out: () => {}, note: () => {}, write: (text: string) => void writes.push(text) };
    expect(await main(["ask", "When are deploys frozen?", "-w", "acme"], env, output)).toBe(0);
    const answer = writes.join("");
    expect(answer).toContain("Deploys are frozen on Fridays after three. [1]");
    expect(writes.filter((text) => answer.includes(text) && text.trim() !== "").length).toBeGreaterThan(3);
  });

  it("reports mode generated and the model in --json", async () => {
    const { code, stdout } = await runSabio(["ask", "When are deploys frozen?", "-w", "acme", "--json"], env);
    expect(code).toBe(0);
    const answer = JSON.parse(stdout);
    expect(answer).toMatchObject({ mode: "generated", model: "gemma4:e4b" });
    expect(answer.answer).toContain("frozen on Fridays");
    expect(answer.sources[0]).toMatchObject({ n: 1, title: "Deploys" });
  });

  it("falls back to the smaller model, then to an extractive answer with the server's own hint", async () => {
    server.failChat("gemma4:e4b", 500);
    try {
      const fallback = JSON.parse(
        (await runSabio(["ask", "When are deploys frozen?", "-w", "acme", "--json"], env)).stdout,
      );
      expect(fallback).toMatchObject({ mode: "generated", model: "gemma4:e2b" });
      server.failChat("gemma4:e2b", 401);
      const run = await runSabio(["ask", "When are deploys frozen?", "-w", "acme"], env);
      expect(run.code).toBe(0);
      expect(run.stdout).toContain("frozen on Fridays");
      expect(run.stdout + run.notes).toContain("OPENAI_API_KEY");
      expect(run.stdout + run.notes).not.toContain("ollama");
    } finally {
      server.failChat("gemma4:e4b", null);
      server.failChat("gemma4:e2b", null);
    }
  });

  it("doctor checks the server, the key and each model on it", async () => {
    const doctor = (extra: Record<string, string>) =>
      runSabio(["doctor"], { ...env, REDIS_URL: testRedisUrl, ...extra });
    const healthy = await doctor({});
    expect(healthy.stdout).toMatch(
      /ok +Model server \(OpenAI-compatible\): 3 models at .*OPENAI_API_KEY accepted/,
    );
    expect(healthy.stdout).toMatch(/ok +chat model gemma4:e4b: served/);
    expect(healthy.stdout).not.toMatch(/Ollama/);
    expect(healthy.code).toBe(0);

    const missing = await doctor({ CHAT_MODEL: "qwen3:8b" });
    expect(missing.code).toBe(1);
    expect(missing.stdout).toMatch(/FAIL +chat model qwen3:8b: not served/);
    expect(missing.stdout).toContain('fix: load "qwen3:8b" on the server');

    const refused = await doctor({ OPENAI_API_KEY: "sk-wrong" });
    expect(refused.code).toBe(1);
    expect(refused.stdout).toMatch(/FAIL +Model server \(OpenAI-compatible\): .*refused the API key/);
    expect(refused.stdout).toContain("fix: set OPENAI_API_KEY");
    expect(refused.stdout).not.toContain("sk-wrong");

    const down = await doctor({ OPENAI_BASE_URL: `${await closedPortHost()}/v1` });
    expect(down.code).toBe(1);
    expect(down.stdout).toMatch(/FAIL +Model server[\s\S]*OPENAI_BASE_URL/);
  });
});
