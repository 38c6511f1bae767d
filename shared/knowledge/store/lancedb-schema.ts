import { Field, FixedSizeList, Float32, Int32, List, Schema, Utf8 } from "apache-arrow";
import type { DocumentAccess } from "../document.ts";
import { type AccessViewer, accessKeys, viewerKeys } from "./access-keys.ts";
import { normalizeTime } from "./normalize-time.ts";
import { sqlString } from "./sql-literal.ts";
import type { ChunkRecord, ScoredChunk } from "./vector-store.ts";

/** The columns a search returns; everything else stays on disk (LanceDB reads columns, not rows). */
export const resultColumns = ["id", "documentId", "source", "chunkIndex", "title", "url", "text"] as const;

/** One table per workspace: LanceDB's unit of indexing and of deletion. */
export function workspaceTableName(workspaceId: string): string {
  return `ws_${workspaceId}`;
}

/**
 * The vector column is nullable: a chunk stored while the embedder is down has no vector, vector
 * search skips nulls, and `vector IS NULL` finds what still needs embedding (no extra flag to keep
 * in step). The sparse `lexical` vector is not stored: the full-text index on `lexicalText` does BM25.
 */
export function chunkSchema(dimensions: number): Schema {
  return new Schema([
    new Field("id", new Utf8(), false),
    new Field("documentId", new Utf8(), false),
    new Field("source", new Utf8(), false),
    new Field("chunkIndex", new Int32(), false),
    new Field("title", new Utf8(), false),
    new Field("url", new Utf8(), false),
    new Field("text", new Utf8(), false),
    new Field("lexicalText", new Utf8(), false),
    new Field("updatedAt", new Utf8(), false),
    vectorField(dimensions),
    new Field(accessColumn, new List(new Field("item", new Utf8(), true)), true),
  ]);
}

/**
 * The access keys (access-keys.ts) as a list with a LABEL_LIST index, so the filter is an index
 * look-up, not a scan: `array_has_any` on it costs ~0 ms at 100k chunks where a LIKE per key on a
 * string cost ~12 ms (docs/BENCHMARKS.md). Never null: an `IS NULL OR` beside it turns the index off,
 * so tables from before access (null = everyone) are given ["*"] when opened.
 */
export const accessColumn = "accessList";

/** Where an earlier version kept the keys: " k1 k2 " in a string (moved into accessColumn on open). */
export const legacyAccessColumn = "accessKeys";

/** A filter keeping the chunks `viewer` may see. */
export function accessFilter(viewer: AccessViewer): string {
  return `array_has_any(${accessColumn}, ${sqlArray(viewerKeys(viewer))})`;
}

/** The SQL value of a document's keys, for an in-place update. */
export function accessValueSql(access: DocumentAccess | null | undefined): string {
  return sqlArray(accessKeys(access));
}

/** Never empty: accessKeys always gives at least one key. */
function sqlArray(keys: readonly string[]): string {
  return `make_array(${keys.map(sqlString).join(", ")})`;
}

/** Just id + vector: what setVectors merges in, leaving every other column as it is. */
export function vectorUpdateSchema(dimensions: number): Schema {
  return new Schema([new Field("id", new Utf8(), false), vectorField(dimensions)]);
}

function vectorField(dimensions: number): Field {
  return new Field("vector", new FixedSizeList(dimensions, new Field("item", new Float32(), true)), true);
}

export function chunkRow(chunk: ChunkRecord): Record<string, unknown> {
  return {
    id: chunk.id,
    documentId: chunk.documentId,
    source: chunk.source,
    chunkIndex: chunk.chunkIndex,
    title: chunk.title,
    url: chunk.url,
    text: chunk.text,
    lexicalText: chunk.lexicalText,
    updatedAt: normalizeTime(chunk.updatedAt),
    vector: chunk.vector,
    [accessColumn]: accessKeys(chunk.access),
  };
}

/** A row read back with `resultColumns` selected. */
export function scoredChunk(row: Record<string, unknown>, score: number): ScoredChunk {
  return {
    id: String(row.id),
    documentId: String(row.documentId),
    source: String(row.source),
    chunkIndex: Number(row.chunkIndex),
    title: String(row.title),
    url: String(row.url),
    text: String(row.text),
    score,
  };
}
