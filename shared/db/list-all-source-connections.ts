import { asc, inArray } from "drizzle-orm";
import type { Db } from "./database.ts";
import { type SourceConnectionKind, type SourceConnectionRow, sourceConnections } from "./schema.ts";

/**
 * Every workspace's connections of these kinds (all by default), oldest first: what the sync role
 * schedules and resumes, given the kinds it schedules (not folders: a folder is read where `sabio
 * ingest` or `sync` runs, which need not be the machine running the sync role).
 */
export async function listAllSourceConnections(
  db: Db,
  kinds?: readonly SourceConnectionKind[],
): Promise<SourceConnectionRow[]> {
  const query = db.select().from(sourceConnections);
  const filtered = kinds === undefined ? query : query.where(inArray(sourceConnections.kind, [...kinds]));
  return filtered.orderBy(asc(sourceConnections.createdAt), asc(sourceConnections.id));
}
