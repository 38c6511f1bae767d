import { z } from "zod";

/**
 * What a Notion connection keeps in `source_connections.sync_state`: the newest last_edited_time a
 * successful sync saw (ISO 8601). Rows migrated from the old `cursor` column hold PostgreSQL's
 * rendering ("2026-01-01T00:00:00+00:00"), which reads the same.
 */
const notionSyncStateSchema = z.object({ cursor: z.string() });
export type NotionSyncState = z.infer<typeof notionSyncStateSchema>;

/** The cursor an incremental sync starts from; null (a full sync runs) when there is none or it is unreadable. */
export function readNotionCursor(syncState: unknown): Date | null {
  const parsed = notionSyncStateSchema.safeParse(syncState);
  if (!parsed.success) return null;
  const cursor = new Date(parsed.data.cursor);
  return Number.isNaN(cursor.getTime()) ? null : cursor;
}

/**
 * The state to save after a successful pass: the cursor only moves forward (a pass that saw only
 * older edits, or none, keeps it), so no edit between the two is skipped. Undefined: keep the row's.
 */
export function nextNotionSyncState(previous: unknown, newest: Date | null): NotionSyncState | undefined {
  if (newest === null) return undefined;
  const current = readNotionCursor(previous);
  if (current !== null && current >= newest) return undefined;
  return { cursor: newest.toISOString() };
}
