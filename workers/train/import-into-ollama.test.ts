import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeTempDir } from "#test/helpers/temp-dir.ts";
import { closedPortHost } from "#test/stand-ins/ollama/closed-port-host.ts";
import { type OllamaStandIn, startOllamaStandIn } from "#test/stand-ins/ollama-server.ts";
import { importIntoOllama } from "./import-into-ollama.ts";

describe("importing fused weights into Ollama", () => {
  let standIn: OllamaStandIn;
  let dir: Awaited<ReturnType<typeof makeTempDir>>;
  beforeAll(async () => {
    standIn = await startOllamaStandIn();
    dir = await makeTempDir();
    await writeFile(join(dir.path, "model.safetensors"), Buffer.alloc(70_000, 3));
    await writeFile(join(dir.path, "config.json"), "{}");
  });
  afterAll(async () => {
    await standIn.stop();
    await dir.remove();
  });

  it("uploads each file once, by digest, and creates the model from them", async () => {
    const files = ["config.json", "model.safetensors"];
    await importIntoOllama({ host: standIn.host }, "sabio-a:1", dir.path, files);
    await importIntoOllama({ host: standIn.host }, "sabio-a:2", dir.path, files);
    const uploads = standIn.requests.filter(
      (request) => request.method === "POST" && request.path.startsWith("/api/blobs/"),
    );
    // The second import finds both blobs there already (HEAD 200): nothing is sent twice.
    expect(uploads).toHaveLength(2);
    expect(standIn.models).toEqual(expect.arrayContaining(["sabio-a:1", "sabio-a:2"]));
  });

  it("fails the run in plain words when Ollama cannot be reached", async () => {
    await expect(
      importIntoOllama({ host: await closedPortHost() }, "sabio-a:3", dir.path, ["config.json"]),
    ).rejects.toThrow(/^Ollama at http:\/\/127\.0\.0\.1:\d+ could not be reached/);
  });
});
