import { Index, MatchQuery, makeArrowTable, type Table } from "@lancedb/lancedb";
import type { DocumentAccess } from "../document.ts";
import { createMaintenanceSchedule, type MaintenancePolicy } from "./lancedb-maintenance.ts";
import {
  accessColumn,
  accessValueSql,
  chunkRow,
  chunkSchema,
  resultColumns,
  scoredChunk,
  vectorUpdateSchema,
} from "./lancedb-schema.ts";
import { createSerialWriteQueue } from "./serial-write-queue.ts";
import { sqlString } from "./sql-literal.ts";
import type { ChunkNeedingVector, ChunkRecord, ScoredChunk } from "./vector-store.ts";

export interface ChunkTableOptions {
  dimensions: number;
  maintenance: MaintenancePolicy;
  /** Build an approximate vector index once this many chunks have vectors (below it, exact scan). */
  vectorIndexMinRows: number;
  /** Table versions older than this are deleted when maintaining. */
  versionRetentionMs: number;
  now: () => number;
  onBackgroundError: (error: unknown) => void;
}

/** One workspace's LanceDB table: ordered, grouped writes; the two rankings search fuses; upkeep. */
export interface ChunkTable {
  upsert(chunks: readonly ChunkRecord[]): Promise<void>;
  deleteDocumentChunks(documentId: string, fromIndex: number): Promise<void>;
  setVectors(items: readonly { id: string; vector: number[] }[]): Promise<void>;
  setDocumentAccess(documentId: string, access: DocumentAccess | null): Promise<void>;
  denseRanking(vector: number[], filter: string | null, limit: number): Promise<ScoredChunk[]>;
  lexicalRanking(lexicalText: string, filter: string | null, limit: number): Promise<ScoredChunk[]>;
  missingVectors(limit: number): Promise<ChunkNeedingVector[]>;
  count(): Promise<number>;
  /** Compacts files, adds fresh rows to the indexes and prunes old versions, in write order. */
  maintain(): Promise<void>;
  /** Waits for queued writes, stops background upkeep and releases the handle. */
  close(): Promise<void>;
}

const maxBatchSize = 5_000;
/** Partitions scanned per query once a vector index exists (~6% of them at 100k chunks). */
const vectorProbes = 20;
/** LanceDB names an index after its column. */
const lexicalIndexName = "lexicalText_idx";

export function createChunkTable(table: Table, options: ChunkTableOptions): ChunkTable {
  const schema = chunkSchema(options.dimensions);
  const vectorSchema = vectorUpdateSchema(options.dimensions);
  let hasVectorIndex = false;
  // Rows written since the full-text index last caught up. LanceDB 0.31 does search unindexed rows
  // by scanning, but that scan scores a term repeated within a chunk with a negative IDF on small
  // sets, so a fresh chunk can go missing: searches fold fresh rows into the index first instead.
  // Unknown at open (another process may have written), hence checked once then.
  let unindexedRows: boolean | undefined;

  const queue = createSerialWriteQueue<ChunkRecord>({
    maxBatchSize,
    writeBatch: async (chunks) => {
      const rows = [...lastById(chunks).values()].map(chunkRow);
      await table
        .mergeInsert("id")
        .whenMatchedUpdateAll()
        .whenNotMatchedInsertAll()
        .execute(makeArrowTable(rows, { schema }));
      unindexedRows = true;
      schedule.noteCommit(rows.length);
    },
  });

  const ensureVectorIndex = async () => {
    if (hasVectorIndex) return;
    const indices = await table.listIndices();
    hasVectorIndex = indices.some((index) => index.columns.includes("vector"));
    if (hasVectorIndex) return;
    const withVectors = await table.countRows("vector IS NOT NULL");
    if (withVectors < options.vectorIndexMinRows) return;
    // IVF_FLAT: vectors grouped around √rows centroids, the nearest `vectorProbes` groups scanned
    // exactly. No quantization, cheap to train (seconds at 100k). Trained once; maintenance adds new
    // rows to it; rows not yet in it are scanned exactly.
    await table.createIndex("vector", {
      config: Index.ivfFlat({ distanceType: "cosine", numPartitions: Math.round(Math.sqrt(withVectors)) }),
    });
    hasVectorIndex = true;
  };

  const maintain = () =>
    queue.run(async () => {
      unindexedRows = false;
      await table.optimize({ cleanupOlderThan: new Date(options.now() - options.versionRetentionMs) });
      await ensureVectorIndex();
    });

  const schedule = createMaintenanceSchedule({
    policy: options.maintenance,
    maintain,
    onError: options.onBackgroundError,
    now: options.now,
  });

  return {
    upsert: (chunks) => queue.write(chunks),

    deleteDocumentChunks: (documentId, fromIndex) =>
      queue.run(async () => {
        await table.delete(
          `documentId = ${sqlString(documentId)} AND chunkIndex >= ${Math.trunc(fromIndex)}`,
        );
        schedule.noteCommit(0);
      }),

    setDocumentAccess: (documentId, access) =>
      queue.run(async () => {
        // Only the access column changes (vectors are kept), but Lance rewrites the updated rows,
        // so they count as fresh for the full-text index, like setVectors' rows.
        const result = await table.update({
          where: `documentId = ${sqlString(documentId)}`,
          valuesSql: { [accessColumn]: accessValueSql(access) },
        });
        if (result.rowsUpdated > 0) unindexedRows = true;
        schedule.noteCommit(result.rowsUpdated);
      }),

    setVectors: (items) =>
      queue.run(async () => {
        const rows = [...lastById(items).values()].map((item) => ({ id: item.id, vector: item.vector }));
        if (rows.length === 0) return;
        // Only matched rows are updated (unknown ids are ignored) and only the vector column changes.
        const result = await table
          .mergeInsert("id")
          .whenMatchedUpdateAll()
          .execute(makeArrowTable(rows, { schema: vectorSchema }));
        if (result.numUpdatedRows > 0) unindexedRows = true;
        schedule.noteCommit(result.numUpdatedRows);
      }),

    async denseRanking(vector, filter, limit) {
      let query = table
        .vectorSearch(vector)
        .column("vector")
        .distanceType("cosine")
        .nprobes(vectorProbes)
        .select([...resultColumns, "_distance"])
        .limit(limit);
      if (filter) query = query.where(filter);
      const rows = await query.toArray();
      return rows.map((row) => scoredChunk(row, 1 - Number(row._distance)));
    },

    async lexicalRanking(lexicalText, filter, limit) {
      if (unindexedRows === undefined) {
        const stats = await table.indexStats(lexicalIndexName);
        unindexedRows = (stats?.numUnindexedRows ?? 0) > 0;
      }
      if (unindexedRows) await schedule.runNow();
      let query = table
        .query()
        .fullTextSearch(new MatchQuery(lexicalText, "lexicalText"))
        .select([...resultColumns, "_score"])
        .limit(limit);
      if (filter) query = query.where(filter);
      const rows = await query.toArray();
      return rows
        .map((row) => scoredChunk(row, Number(row._score)))
        .sort((left, right) => right.score - left.score);
    },

    async missingVectors(limit) {
      const rows = await table
        .query()
        .where("vector IS NULL")
        .orderBy({ columnName: "updatedAt", ascending: true })
        .select(["id", "title", "text"])
        .limit(limit)
        .toArray();
      return rows.map((row) => ({ id: String(row.id), title: String(row.title), text: String(row.text) }));
    },

    count: () => table.countRows(),

    maintain: () => schedule.runNow(),

    async close() {
      schedule.stop();
      await queue.drained();
      // Leave the indexes current, so the next process (e.g. `ask` after `ingest`) searches at once.
      if (unindexedRows) await maintain().catch(options.onBackgroundError);
      table.close();
    },
  };
}

/** mergeInsert's behaviour with duplicate keys in one batch is undefined: keep the last write. */
function lastById<T extends { id: string }>(items: readonly T[]): Map<string, T> {
  const byId = new Map<string, T>();
  for (const item of items) {
    byId.delete(item.id);
    byId.set(item.id, item);
  }
  return byId;
}
