import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Database, openDatabase } from "#shared/db/open-database.ts";
import { createLanceDbStore } from "#shared/knowledge/store/lancedb-store.ts";
import type { VectorStore } from "#shared/knowledge/store/vector-store.ts";
import type { JobContext } from "#shared/queue/run-worker.ts";
import { silentLogger } from "#test/helpers/silent-logger.ts";
import { makeTempDir } from "#test/helpers/temp-dir.ts";
import { createIngestJob, type IngestJobUpdate } from "./ingest-job.ts";
import { ingestProof } from "./ingest-proof.ts";

describe("the ingest job a running start takes from `sabio ingest`", () => {
  const secret = "5e".repeat(32);
  let temp: Awaited<ReturnType<typeof makeTempDir>>;
  let database: Database;
  let store: VectorStore;
  let folder: string;

  beforeAll(async () => {
    temp = await makeTempDir();
    database = await openDatabase({ dataDir: join(temp.path, "data") });
    store = createLanceDbStore({ directory: join(temp.path, "data", "lancedb"), dimensions: 256 });
    folder = join(temp.path, "wiki");
    await mkdir(folder);
    await writeFile(join(folder, "leave.md"), "# Leave\n\nTwelve weeks of parental leave.\n");
  });
  afterAll(async () => {
    await store?.close();
    await database?.close();
    await temp?.remove();
  });

  function context(updates: IngestJobUpdate[]): JobContext {
    return {
      jobId: "1",
      attempt: 1,
      attempts: 1,
      signal: new AbortController().signal,
      updateProgress: async (update) => {
        updates.push(update as IngestJobUpdate);
      },
    };
  }

  const job = () => createIngestJob({ database, store, embedder: null, logger: silentLogger(), secret });

  it("runs a request proved with the start's secret and reports progress, then the outcome", async () => {
    const request = { workspaceId: "acme", path: folder };
    const updates: IngestJobUpdate[] = [];
    await job()({ ...request, proof: ingestProof(secret, request) }, context(updates));
    expect(updates.some((update) => "progress" in update && update.progress.phase === "reading")).toBe(true);
    const last = updates.at(-1);
    expect(last && "outcome" in last && last.outcome.summary).toMatchObject({ documents: 1, path: folder });
  });

  it.each([
    [
      "another secret",
      (request: { workspaceId: string; path: string }) => ingestProof("00".repeat(32), request),
    ],
    ["a proof of another folder", () => ingestProof(secret, { workspaceId: "acme", path: "/etc" })],
  ])("refuses a request signed with %s, reading nothing", async (_name, prove) => {
    const request = { workspaceId: "intruder", path: folder };
    const updates: IngestJobUpdate[] = [];
    await expect(job()({ ...request, proof: prove(request) }, context(updates))).rejects.toMatchObject({
      code: "invalid_input",
    });
    expect(updates).toEqual([]);
    expect(await store.countChunks("intruder")).toBe(0);
  });

  it("reports the ingest's own error with its code and hint, not retried", async () => {
    const request = { workspaceId: "acme", path: join(temp.path, "nope") };
    const updates: IngestJobUpdate[] = [];
    await expect(
      job()({ ...request, proof: ingestProof(secret, request) }, context(updates)),
    ).rejects.toMatchObject({
      code: "invalid_input",
      retryable: false,
    });
    expect(updates.at(-1)).toMatchObject({
      error: { code: "invalid_input", message: expect.stringContaining("nope") },
    });
  });
});
