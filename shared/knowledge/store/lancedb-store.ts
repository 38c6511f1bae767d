import { type Connection, connect } from "@lancedb/lancedb";
import { preparePrivateDirectory } from "../../db/private-directory.ts";
import { AppError, ErrorCode, errorMessage } from "../../errors/app-error.ts";
import { parseWorkspaceId } from "../../workspace/workspace-id.ts";
import { assertDimensions } from "./assert-dimensions.ts";
import { type ChunkTable, createChunkTable } from "./lancedb-chunk-table.ts";
import { defaultMaintenancePolicy, type MaintenancePolicy } from "./lancedb-maintenance.ts";
import { isTableMissing, openChunkTable } from "./lancedb-open-table.ts";
import { accessFilter, workspaceTableName } from "./lancedb-schema.ts";
import { reciprocalRankFusion } from "./reciprocal-rank-fusion.ts";
import { sqlStringList } from "./sql-literal.ts";
import type { VectorStore } from "./vector-store.ts";

export interface LanceDbStoreOptions {
  /** Folder holding one LanceDB table per workspace; created when missing. */
  directory: string;
  dimensions: number;
  /**
   * How stale reads may be, in seconds, when another process writes the same tables: 0 (default)
   * checks for new versions on every read; null never does (one process only).
   */
  readConsistencySeconds?: number | null;
  /** When fresh writes are folded into the indexes (see MaintenancePolicy). */
  maintenance?: Partial<MaintenancePolicy>;
  /** Chunks with vectors before an approximate vector index is built; below it, search is exact. */
  vectorIndexMinRows?: number;
  /** Failures of background index upkeep (retried at the next write). */
  onBackgroundError?: (error: unknown, workspaceId: string) => void;
  now?: () => number;
}

export interface LanceDbStore extends VectorStore {
  /** Folds fresh writes into the indexes now; normally done in the background. */
  optimize(workspaceId: string): Promise<void>;
}

/** Each search candidate list is this many times the requested limit, so fusion has room. */
/**
 * Lance sizes its CPU pool to the core count, and some of its tasks block on others in the same
 * pool: on a 2-core machine a large index update then deadlocks (seen with 100k chunks). A few more
 * threads than cores avoids the starvation; set before the first connection creates the pool.
 */
process.env.LANCE_CPU_THREADS ??= "8";

const candidateFactor = 3;
const minimumCandidates = 30;
const versionRetentionMs = 10 * 60_000;

/** The embedded default: LanceDB files under a directory, no server to run. */
export function createLanceDbStore(options: LanceDbStoreOptions): LanceDbStore {
  const { directory, dimensions } = options;
  const tableOptions = {
    dimensions,
    maintenance: { ...defaultMaintenancePolicy, ...options.maintenance },
    vectorIndexMinRows: options.vectorIndexMinRows ?? 50_000,
    versionRetentionMs,
    now: options.now ?? Date.now,
  };
  let connection: Promise<Connection> | undefined;
  const tables = new Map<string, ChunkTable>();
  const openings = new Map<string, Promise<ChunkTable | null>>();
  const drops = new Map<string, Promise<void>>();

  const getConnection = () => {
    connection ??= (async () => {
      // Document text lives here: private to this user, like the rest of DATA_DIR.
      await preparePrivateDirectory(directory);
      const consistency = options.readConsistencySeconds === undefined ? 0 : options.readConsistencySeconds;
      return connect(directory, consistency === null ? {} : { readConsistencyInterval: consistency });
    })().catch((error: unknown) => {
      connection = undefined;
      throw unavailable(directory, error);
    });
    return connection;
  };

  const open = async (id: string, create: boolean): Promise<ChunkTable | null> => {
    const table = await openChunkTable(await getConnection(), workspaceTableName(id), dimensions, { create });
    if (!table) return null;
    // A read and a write may both have opened it: keep the first handle, release the other.
    const existing = tables.get(id);
    if (existing) {
      table.close();
      return existing;
    }
    const chunkTable = createChunkTable(table, {
      ...tableOptions,
      onBackgroundError: (error) => options.onBackgroundError?.(error, id),
    });
    tables.set(id, chunkTable);
    return chunkTable;
  };

  /** The workspace's table, or null when it was never written and `create` is off. */
  const tableFor = async (workspaceId: string, create: boolean): Promise<ChunkTable | null> => {
    const id = parseWorkspaceId(workspaceId);
    await drops.get(id)?.catch(() => undefined);
    const cached = tables.get(id);
    if (cached) return cached;
    // Concurrent first calls share one open (and one table creation).
    const key = `${id}:${create}`;
    let opening = openings.get(key);
    if (!opening) {
      opening = open(id, create).finally(() => openings.delete(key));
      openings.set(key, opening);
    }
    return opening;
  };

  /** Reads of a workspace never written (or dropped by another process) see an empty one. */
  const read = async <T>(
    workspaceId: string,
    empty: T,
    reader: (table: ChunkTable) => Promise<T>,
  ): Promise<T> => {
    const table = await tableFor(workspaceId, false);
    if (!table) return empty;
    try {
      return await reader(table);
    } catch (error) {
      if (!isTableMissing(error)) throw error;
      const id = parseWorkspaceId(workspaceId);
      if (tables.get(id) === table) tables.delete(id);
      table.close().catch(() => undefined);
      return empty;
    }
  };

  return {
    name: "lancedb",

    async upsert(workspaceId, chunks) {
      if (chunks.length === 0) return;
      for (const chunk of chunks) if (chunk.vector) assertDimensions(chunk.vector, dimensions);
      const table = await tableFor(workspaceId, true);
      await table?.upsert(chunks);
    },

    async deleteDocumentChunks(workspaceId, documentId, fromIndex = 0) {
      const table = await tableFor(workspaceId, false);
      await table?.deleteDocumentChunks(documentId, fromIndex);
    },

    async search(workspaceId, query) {
      if (query.limit <= 0 || query.sources?.length === 0) return [];
      const lexicalText = query.lexicalText.trim();
      if (!query.vector && !lexicalText) return [];
      if (query.vector) assertDimensions(query.vector, dimensions);
      const vector = query.vector;
      const filters = [
        ...(query.sources ? [`source IN (${sqlStringList(query.sources)})`] : []),
        ...(query.viewer ? [accessFilter(query.viewer)] : []),
      ];
      const filter = filters.length > 0 ? filters.join(" AND ") : null;
      const candidates = Math.max(query.limit * candidateFactor, minimumCandidates);
      return read(workspaceId, [], async (table) => {
        const rankings = await Promise.all([
          vector ? table.denseRanking(vector, filter, candidates) : [],
          lexicalText ? table.lexicalRanking(lexicalText, filter, candidates) : [],
        ]);
        return reciprocalRankFusion(rankings, { limit: query.limit }).map(({ item, score }) => ({
          ...item,
          score,
        }));
      });
    },

    async chunksMissingVectors(workspaceId, limit) {
      if (limit <= 0) return [];
      return read(workspaceId, [], (table) => table.missingVectors(limit));
    },

    async setDocumentAccess(workspaceId, documentId, access) {
      const table = await tableFor(workspaceId, false);
      await table?.setDocumentAccess(documentId, access);
    },

    async setVectors(workspaceId, items) {
      if (items.length === 0) return;
      for (const item of items) assertDimensions(item.vector, dimensions);
      const table = await tableFor(workspaceId, false);
      await table?.setVectors(items);
    },

    countChunks: (workspaceId) => read(workspaceId, 0, (table) => table.count()),

    async dropWorkspace(workspaceId) {
      const id = parseWorkspaceId(workspaceId);
      await drops.get(id)?.catch(() => undefined);
      const drop = (async () => {
        const cached = tables.get(id);
        tables.delete(id);
        // Writes already queued land first, then the table goes with them.
        if (cached) await cached.close();
        try {
          await (await getConnection()).dropTable(workspaceTableName(id));
        } catch (error) {
          if (!isTableMissing(error)) throw error;
        }
      })();
      drops.set(id, drop);
      try {
        await drop;
      } finally {
        if (drops.get(id) === drop) drops.delete(id);
      }
    },

    async optimize(workspaceId) {
      const table = await tableFor(workspaceId, false);
      await table?.maintain();
    },

    async ping() {
      try {
        await (await getConnection()).tableNames({ limit: 1 });
      } catch (error) {
        throw error instanceof AppError ? error : unavailable(directory, error);
      }
    },

    async close() {
      const open = [...tables.values()];
      tables.clear();
      await Promise.all(open.map((table) => table.close()));
      if (connection) (await connection).close();
      connection = undefined;
    },
  };
}

function unavailable(directory: string, cause: unknown): AppError {
  return new AppError(
    ErrorCode.Unavailable,
    `LanceDB at ${directory} cannot be opened: ${errorMessage(cause)}`,
    {
      retryable: false,
      cause,
      hint: `Check that ${directory} exists and this process may write to it.`,
    },
  );
}
