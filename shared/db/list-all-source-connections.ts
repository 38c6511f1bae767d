import { asc } from "drizzle-orm";
import type { Db } from "./database.ts";
import { type SourceConnectionRow, sourceConnections } from "./schema.ts";

/** Every workspace's connections, oldest first: what the sync role schedules. */
export async function listAllSourceConnections(db: Db): Promise<SourceConnectionRow[]> {
  return db
    .select()
    .from(sourceConnections)
    .orderBy(asc(sourceConnections.createdAt), asc(sourceConnections.id));
}
