import { eq } from "drizzle-orm";
import type { Db } from "#shared/db/database.ts";
import { datasetSplits } from "#shared/db/schema.ts";
import type { StoredSplit } from "./frozen-splits.ts";

/** Every split a workspace's questions were given, by question id. */
export async function loadDatasetSplits(db: Db, workspaceId: string): Promise<Map<string, StoredSplit>> {
  const rows = await db
    .select({
      questionId: datasetSplits.questionId,
      cluster: datasetSplits.cluster,
      split: datasetSplits.split,
    })
    .from(datasetSplits)
    .where(eq(datasetSplits.workspaceId, workspaceId));
  return new Map(rows.map((row) => [row.questionId, row]));
}

/**
 * Stores splits for questions that have none. A row already there is kept (first assignment wins,
 * also against a build running at the same time): callers re-read after saving.
 */
export async function saveDatasetSplits(
  db: Db,
  workspaceId: string,
  splits: readonly StoredSplit[],
): Promise<void> {
  for (let start = 0; start < splits.length; start += 500) {
    const slice = splits.slice(start, start + 500);
    await db
      .insert(datasetSplits)
      .values(slice.map((row) => ({ workspaceId, ...row })))
      .onConflictDoNothing({ target: [datasetSplits.workspaceId, datasetSplits.questionId] });
  }
}
