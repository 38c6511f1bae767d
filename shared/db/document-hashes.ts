import { and, eq, inArray } from "drizzle-orm";
import type { Db } from "./database.ts";
import { documents } from "./schema.ts";

/** The current content hash of each of these documents of a workspace (absent ones are left out). */
export async function documentHashes(
  db: Db,
  workspaceId: string,
  documentIds: readonly string[],
): Promise<Map<string, string>> {
  if (documentIds.length === 0) return new Map();
  const rows = await db
    .select({ id: documents.id, contentHash: documents.contentHash })
    .from(documents)
    .where(and(eq(documents.workspaceId, workspaceId), inArray(documents.id, [...new Set(documentIds)])));
  return new Map(rows.map((row) => [row.id, row.contentHash]));
}
