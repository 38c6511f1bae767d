import { PGlite } from "@electric-sql/pglite";
import { drizzle } from "drizzle-orm/pglite";
import { migrate } from "drizzle-orm/pglite/migrator";
import { afterAll, describe, expect, it } from "vitest";
import { readNotionCursor } from "#connectors/notion/sync/notion-sync-state.ts";
import { migratePgliteBefore } from "#test/db/migrations-before.ts";
import * as tables from "./schema.ts";
import { getSourceConnection } from "./source-connection-repository.ts";
import { migrationsFolder } from "./with-migration-config.ts";

describe("migration 0006: sync state", () => {
  const client = new PGlite();
  const db = drizzle({ client, schema: tables });
  afterAll(() => client.close());

  it("moves a Notion cursor into sync_state, leaves rows without one null, and drops the default source", async () => {
    await migratePgliteBefore(db, "0006_source_sync_state");
    await client.exec(`
      insert into workspaces (id, name) values ('acme', 'Acme');
      insert into source_connections (id, workspace_id, kind, source, cursor)
        values ('notion-internal@acme', 'acme', 'notion', 'notion', '2026-02-28T09:00:00Z');
      insert into source_connections (id, workspace_id, kind, source)
        values ('files-1', 'acme', 'files', 'files:files-1');
    `);
    await migrate(db, { migrationsFolder });

    const notion = await getSourceConnection(db, "notion-internal@acme");
    expect(readNotionCursor(notion?.syncState)).toEqual(new Date("2026-02-28T09:00:00Z"));
    expect((await getSourceConnection(db, "files-1"))?.syncState).toBeNull();
    // Callers name the source now: a row without one is refused rather than filed under Notion.
    await expect(
      client.exec(`insert into source_connections (id, workspace_id, kind) values ('x', 'acme', 'drive')`),
    ).rejects.toThrow(/source/);
    await client.exec(
      `insert into source_connections (id, workspace_id, kind, source) values ('drive-1', 'acme', 'drive', 'drive:1')`,
    );
  });
});
