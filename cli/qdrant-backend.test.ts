import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runSabio } from "#test/helpers/run-sabio.ts";
import { makeTempDir } from "#test/helpers/temp-dir.ts";
import { type OllamaStandIn, startOllamaStandIn } from "#test/stand-ins/ollama-server.ts";
import { type QdrantStandIn, startQdrantStandIn } from "#test/stand-ins/qdrant-server.ts";

/** The same commands with VECTOR_STORE=qdrant: the CLI is wired to the Qdrant adapter end to end. */
describe("sabio CLI with VECTOR_STORE=qdrant", () => {
  let temp: Awaited<ReturnType<typeof makeTempDir>>;
  let ollama: OllamaStandIn;
  let qdrant: QdrantStandIn;
  let env: Record<string, string>;

  beforeAll(async () => {
    temp = await makeTempDir();
    ollama = await startOllamaStandIn();
    qdrant = await startQdrantStandIn();
    env = {
      DATA_DIR: join(temp.path, "data"),
      OLLAMA_HOST: ollama.host,
      VECTOR_STORE: "qdrant",
      QDRANT_URL: qdrant.url,
    };
    await mkdir(join(temp.path, "kb"));
    await writeFile(
      join(temp.path, "kb", "badges.md"),
      "# Badges\n\nLost badges are replaced at the front desk on level three.\n",
    );
    await writeFile(
      join(temp.path, "kb", "lunch.md"),
      "# Lunch\n\nLunch is served in the canteen from noon to two.\n",
    );
  });

  afterAll(async () => {
    await qdrant?.close();
    await ollama?.stop();
    await temp?.remove();
  });

  const sabio = (argv: string[]) => runSabio(argv, env);

  it("ingests into one collection per workspace and searches it hybrid", async () => {
    const ingest = await sabio(["ingest", join(temp.path, "kb"), "--workspace", "acme", "--json"]);
    expect(ingest.code).toBe(0);
    expect(JSON.parse(ingest.stdout)).toMatchObject({ documents: 2, embedded: 2, failed: [] });
    expect(qdrant.requests.some((request) => request.path.startsWith("/collections/sabio_acme"))).toBe(true);

    const search = await sabio(["search", "lost badge replacement", "--workspace", "acme", "--json"]);
    expect(JSON.parse(search.stdout).results[0]).toMatchObject({ url: "kb/badges.md" });
    const query = qdrant.requests.find((request) => request.path.endsWith("/points/query"));
    expect(JSON.stringify(query?.body)).toContain("rrf");

    // Isolation: another workspace with documents of its own never sees acme's.
    await mkdir(join(temp.path, "globex"));
    await writeFile(join(temp.path, "globex", "hours.md"), "# Hours\n\nThe office opens at eight.\n");
    expect((await sabio(["ingest", join(temp.path, "globex"), "--workspace", "globex"])).code).toBe(0);
    const other = await sabio(["search", "lost badge replacement", "--workspace", "globex", "--json"]);
    const urls = JSON.parse(other.stdout).results.map((result: { url: string }) => result.url);
    expect(urls).not.toContain("kb/badges.md");
    expect(qdrant.requests.some((request) => request.path.startsWith("/collections/sabio_globex"))).toBe(
      true,
    );
  });
});
