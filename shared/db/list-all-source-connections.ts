import { asc, eq } from "drizzle-orm";
import type { Db } from "./database.ts";
import { type SourceConnectionRow, sourceConnections } from "./schema.ts";

/**
 * Every workspace's Notion connections, oldest first: what the sync role schedules. Folder
 * connections are not scheduled: a folder is read where `sabio ingest` (or `sync`) runs, which
 * need not be the machine running the sync role.
 */
export async function listAllSourceConnections(db: Db): Promise<SourceConnectionRow[]> {
  return db
    .select()
    .from(sourceConnections)
    .where(eq(sourceConnections.kind, "notion"))
    .orderBy(asc(sourceConnections.createdAt), asc(sourceConnections.id));
}
