import { type Connection, Index, type Table } from "@lancedb/lancedb";
import type { FixedSizeList } from "apache-arrow";
import { AppError, ErrorCode } from "../../errors/app-error.ts";
import { accessColumn, chunkSchema } from "./lancedb-schema.ts";

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
  await ensureFullTextIndex(table);
  return table;
}

/** Tables written before chunks carried access get the column, null (= everyone) on old rows. */
async function ensureAccessColumn(table: Table): Promise<void> {
  const has = () =>
    table.schema().then((schema) => schema.fields.some((field) => field.name === accessColumn));
  if (await has()) return;
  try {
    await table.addColumns([{ name: accessColumn, valueSql: "CAST(NULL AS STRING)" }]);
  } catch (error) {
    // Another process added it first.
    if (!(await has())) throw error;
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

/** Created on the empty table (cheap), so every later row is found lexically from its first write. */
async function ensureFullTextIndex(table: Table): Promise<void> {
  const indices = await table.listIndices();
  if (indices.some((index) => index.columns.includes("lexicalText"))) return;
  try {
    await table.createIndex("lexicalText", { config: fullTextIndex(), replace: false });
  } catch (error) {
    // Another process won the race (an "already exists" or a commit conflict): its index is the same.
    const indices = await table.listIndices();
    if (!indices.some((index) => index.columns.includes("lexicalText"))) throw error;
  }
}
