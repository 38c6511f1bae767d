import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Database, openDatabase } from "../shared/db/open-database.ts";
import { createLanceDbStore } from "../shared/knowledge/store/lancedb-store.ts";
import type { VectorStore } from "../shared/knowledge/store/vector-store.ts";

/** A throwaway embedded setup (PGlite + LanceDB in a temp dir), like a fresh `./data`. */
export async function benchWorkspace(dimensions = 256): Promise<{
  database: Database;
  store: VectorStore;
  dispose(): Promise<void>;
}> {
  const directory = await mkdtemp(join(tmpdir(), "sabio-bench-"));
  const database = await openDatabase({ dataDir: directory });
  const store = createLanceDbStore({ directory: join(directory, "lancedb"), dimensions });
  return {
    database,
    store,
    async dispose() {
      await store.close();
      await database.close();
      await rm(directory, { recursive: true, force: true });
    },
  };
}

export function percentile(samples: number[], fraction: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(fraction * sorted.length))] ?? Number.NaN;
}
