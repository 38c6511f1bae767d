import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { PgliteDatabase } from "drizzle-orm/pglite";
import { migrate } from "drizzle-orm/pglite/migrator";
import { migrationsFolder } from "#shared/db/with-migration-config.ts";

/** The committed migrations up to (not including) `tag`, as a folder drizzle can run; remove it after. */
export async function migrationsBefore(tag: string): Promise<string> {
  const folder = await mkdtemp(join(tmpdir(), "sabio-migrations-before-"));
  await cp(migrationsFolder, folder, { recursive: true });
  const journalPath = join(folder, "meta", "_journal.json");
  const journal = JSON.parse(await readFile(journalPath, "utf8")) as { entries: { tag: string }[] };
  const index = journal.entries.findIndex((entry) => entry.tag === tag);
  if (index < 0) throw new Error(`no migration ${tag}`);
  journal.entries = journal.entries.slice(0, index);
  await writeFile(journalPath, JSON.stringify(journal));
  return folder;
}

/** Migrates a PGlite database as far as it stood before migration `tag`. */
export async function migratePgliteBefore<TSchema extends Record<string, unknown>>(
  db: PgliteDatabase<TSchema>,
  tag: string,
): Promise<void> {
  const before = await migrationsBefore(tag);
  try {
    await migrate(db, { migrationsFolder: before });
  } finally {
    await rm(before, { recursive: true, force: true });
  }
}
