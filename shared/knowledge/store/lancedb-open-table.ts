import { type Connection, Index, type Table } from "@lancedb/lancedb";
import type { FixedSizeList } from "apache-arrow";
import { AppError, ErrorCode } from "../../errors/app-error.ts";
import { accessColumn, chunkSchema, legacyAccessColumn } from "./lancedb-schema.ts";

/**
 * The full-text index reads `lexicalText` as it is: terms already folded, stemmed and stripped of
 * stop words upstream, joined by spaces. So: split on whitespace only, no lowercasing, stemming,
 * stop words or folding, and no positions (no phrase queries, smaller index). Scoring is BM25.
 * A function because LanceDB consumes an Index config when it is used.
 */
const fullTextIndex = () =>
  Index.fts({
    baseTokenizer: "whitespace",
    lowercase: false,
    stem: false,
    removeStopWords: false,
    asciiFolding: false,
    withPosition: false,
    // Exact forms carry a "=" prefix, so a 40-character word makes a 41-character term.
    maxTokenLength: 64,
  });

/** "Table 'x' was not found", or the files of a table dropped under an open handle. */
export function isTableMissing(error: unknown): boolean {
  return error instanceof Error && /was not found|Not found: \S*\.lance/.test(error.message);
}

/**
 * Opens a workspace table, creating it (with its full-text index) when `create` is set; null when it
 * does not exist and may not be created. Safe against another process creating it at the same time.
 */
export async function openChunkTable(
  connection: Connection,
  name: string,
  dimensions: number,
  options: { create: boolean },
): Promise<Table | null> {
  let table: Table;
  try {
    table = await connection.openTable(name);
  } catch (error) {
    if (!isTableMissing(error)) throw error;
    if (!options.create) return null;
    table = await connection.createEmptyTable(name, chunkSchema(dimensions), {
      mode: "create",
      existOk: true,
    });
  }
  await assertVectorSize(table, dimensions);
  await ensureAccessColumn(table);
  await ensureIndex(table, "lexicalText", fullTextIndex);
  await ensureIndex(table, accessColumn, () => Index.labelList());
  return table;
}

/**
 * Tables written before chunks carried access get the list column with ["*"] (= everyone) on old
 * rows; tables that kept the keys in a string (" k1 k2 ", null = everyone) get them moved into it,
 * then the string column dropped. Each step is safe to repeat after a crash or beside another process.
 */
async function ensureAccessColumn(table: Table): Promise<void> {
  const columns = async () => new Set((await table.schema()).fields.map((field) => field.name));
  let present = await columns();
  if (!present.has(accessColumn)) {
    const valueSql = present.has(legacyAccessColumn)
      ? `string_to_array(trim(coalesce(${legacyAccessColumn}, '*')), ' ')`
      : "make_array('*')";
    try {
      await table.addColumns([{ name: accessColumn, valueSql }]);
    } catch (error) {
      // Another process added it first.
      if (!(await columns()).has(accessColumn)) throw error;
    }
    present = await columns();
  }
  if (present.has(legacyAccessColumn)) {
    try {
      await table.dropColumns([legacyAccessColumn]);
    } catch (error) {
      if ((await columns()).has(legacyAccessColumn)) throw error;
    }
  }
}

async function assertVectorSize(table: Table, dimensions: number): Promise<void> {
  const field = (await table.schema()).fields.find((candidate) => candidate.name === "vector");
  const size = (field?.type as FixedSizeList | undefined)?.listSize;
  if (size !== dimensions) {
    throw new AppError(
      ErrorCode.InvalidConfig,
      `LanceDB table ${table.name} holds ${size ?? "no"}-dimension vectors; the store is configured for ${dimensions}.`,
      { hint: "Set the embedding dimensions back, or re-index into a new data directory." },
    );
  }
}

/**
 * Created on the empty table (cheap), so every later row is in it from its first upkeep (rows not
 * yet in an index are scanned, so results are right meanwhile).
 */
async function ensureIndex(table: Table, column: string, config: () => Index): Promise<void> {
  const indexed = async () => (await table.listIndices()).some((index) => index.columns.includes(column));
  if (await indexed()) return;
  try {
    await table.createIndex(column, { config: config(), replace: false });
  } catch (error) {
    // Another process won the race (an "already exists" or a commit conflict): its index is the same.
    if (!(await indexed())) throw error;
  }
}
