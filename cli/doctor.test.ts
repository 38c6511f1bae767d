import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testRedisUrl } from "#test/helpers/queue-test-kit.ts";
import { runSabio } from "#test/helpers/run-sabio.ts";
import { makeTempDir } from "#test/helpers/temp-dir.ts";
import { startNotionStandIn } from "#test/stand-ins/notion-server.ts";
import { closedPortHost } from "#test/stand-ins/ollama/closed-port-host.ts";
import { type OllamaStandIn, startOllamaStandIn } from "#test/stand-ins/ollama-server.ts";
import { hasModel } from "./commands/doctor.ts";

describe("sabio doctor", () => {
  let temp: Awaited<ReturnType<typeof makeTempDir>>;
  let ollama: OllamaStandIn;

  beforeAll(async () => {
    temp = await makeTempDir();
    ollama = await startOllamaStandIn();
  });

  afterAll(async () => {
    await ollama?.stop();
    await temp?.remove();
  });

  const doctor = (env: Record<string, string>) =>
    runSabio(["doctor"], { DATA_DIR: join(temp.path, "data"), REDIS_URL: testRedisUrl, ...env });

  it("passes when every service answers and every model is pulled", async () => {
    const { code, stdout } = await doctor({ OLLAMA_HOST: ollama.host });
    expect(stdout).not.toContain("FAIL");
    expect(stdout).toMatch(/ok +Redis: PONG/);
    expect(stdout).toMatch(/ok +Database: PGlite/);
    expect(stdout).toMatch(/ok +chat model gemma4:e4b: pulled/);
    expect(code).toBe(0);
  });

  it("says how to fix a missing model and an unreachable Redis", async () => {
    ollama.setModels(["embeddinggemma:latest", "gemma4:e2b"]);
    const { code, stdout } = await doctor({ OLLAMA_HOST: ollama.host, REDIS_URL: "redis://127.0.0.1:1" });
    expect(code).toBe(1);
    expect(stdout).toMatch(/FAIL +chat model gemma4:e4b: not pulled/);
    expect(stdout).toContain("fix: ollama pull gemma4:e4b");
    expect(stdout).toMatch(/FAIL +Redis[\s\S]*fix: Start Redis/);
  });

  it("says how to start Ollama when it is unreachable", async () => {
    const { code, stdout } = await doctor({ OLLAMA_HOST: await closedPortHost() });
    expect(code).toBe(1);
    expect(stdout).toMatch(/FAIL +Ollama[\s\S]*ollama serve|FAIL +Ollama[\s\S]*Ollama running/);
  });

  it("checks that Notion accepts NOTION_TOKEN, and says to reconnect when it does not", async () => {
    const notion = await startNotionStandIn();
    try {
      const accepted = await doctor({
        OLLAMA_HOST: ollama.host,
        NOTION_TOKEN: notion.token,
        NOTION_API_URL: notion.url,
      });
      expect(accepted.stdout).toMatch(/ok +Notion: NOTION_TOKEN is accepted/);
      const refused = await doctor({
        OLLAMA_HOST: ollama.host,
        NOTION_TOKEN: "secret_wrong",
        NOTION_API_URL: notion.url,
      });
      expect(refused.code).toBe(1);
      expect(refused.stdout).toMatch(/FAIL +Notion:/);
      expect(refused.stdout).toMatch(/fix: reconnect Notion/);
    } finally {
      await notion.close();
    }
  });

  it("matches model names with or without the implicit :latest tag", () => {
    expect(hasModel(["embeddinggemma:latest"], "embeddinggemma")).toBe(true);
    expect(hasModel(["gemma4:e4b"], "gemma4:e2b")).toBe(false);
  });
});
