import type { Db } from "./database.ts";
import { excluded } from "./excluded.ts";
import { workspaces } from "./schema.ts";

/**
 * Makes sure the workspace exists. Without a name an existing one is left as it is (a new one is
 * named after its id); with a name, that name is stored.
 */
export async function ensureWorkspace(db: Db, id: string, name?: string): Promise<void> {
  const insert = db.insert(workspaces).values({ id, name: name ?? id });
  if (name === undefined) {
    await insert.onConflictDoNothing({ target: workspaces.id });
  } else {
    await insert.onConflictDoUpdate({ target: workspaces.id, set: { name: excluded(workspaces.name) } });
  }
}

/** Every workspace id, sorted (for periodic per-workspace work such as vector backfill). */
export async function listWorkspaceIds(db: Db): Promise<string[]> {
  const rows = await db.select({ id: workspaces.id }).from(workspaces).orderBy(workspaces.id);
  return rows.map((row) => row.id);
}
