import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { openPglite } from "./open-pglite.ts";

describe("openPglite", () => {
  const cleanups: (() => Promise<unknown>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  // 128 MB of default shared buffers were resident for the life of `sabio start` (issue 8, finding 8).
  it("runs with 16 MB of shared buffers, not PostgreSQL's 128 MB", async () => {
    const dataDir = await mkdtemp(join(tmpdir(), "sabio-pglite-"));
    cleanups.push(() => rm(dataDir, { recursive: true, force: true }));
    const database = await openPglite({ dataDir });
    cleanups.push(() => database.close());
    const setting = async (name: string) =>
      JSON.stringify(await database.db.execute(sql.raw(`show ${name}`)));
    expect(await setting("shared_buffers")).toContain('"shared_buffers":"16MB"');
    // The defaults PGlite needs (single-user, no parallel workers) are kept beside it.
    expect(await setting("max_worker_processes")).toContain('"max_worker_processes":"0"');
  });
});
