import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runSabio } from "#test/helpers/run-sabio.ts";
import { makeTempDir } from "#test/helpers/temp-dir.ts";
import { closedPortHost } from "#test/stand-ins/ollama/closed-port-host.ts";

// `npm run demo` without Ollama: the bundled handbook must answer both halves of its question.
describe("npm run demo, without a model", () => {
  let temp: Awaited<ReturnType<typeof makeTempDir>>;
  let env: Record<string, string>;

  beforeAll(async () => {
    temp = await makeTempDir();
    env = { DATA_DIR: join(temp.path, "data"), OLLAMA_HOST: await closedPortHost() };
    const ingest = await runSabio(["ingest", "sample/handbook", "--workspace", "demo"], env);
    expect(ingest.code).toBe(0);
  });

  afterAll(async () => {
    await temp?.remove();
  });

  it("quotes the number of vacation days and how to request them", async () => {
    const question = "How many vacation days do we get, and how do I request them?";
    const { code, stdout } = await runSabio(["ask", question, "--workspace", "demo", "--json"], env);
    expect(code).toBe(0);
    const answer = JSON.parse(stdout);
    expect(answer.mode).toBe("extractive");
    expect(answer.answer).toContain("25 days of paid vacation");
    expect(answer.answer).toContain("Your lead approves in the HR tool");
    expect(answer.sources).toEqual([{ n: 1, title: "Time off", url: "handbook/people/time-off.md" }]);
  });
});
