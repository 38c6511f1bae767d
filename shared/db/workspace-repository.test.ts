import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { testDatabaseBackends, useTestDatabase } from "#test/helpers/test-database-backends.ts";
import { workspaces } from "./schema.ts";
import { ensureWorkspace } from "./workspace-repository.ts";

describe.each(testDatabaseBackends)("workspace repository on $kind", (backend) => {
  const db = useTestDatabase(backend);
  const workspaceRows = (id: string) => db().select().from(workspaces).where(eq(workspaces.id, id));

  it("creates a workspace once, named after its id unless told otherwise", async () => {
    const id = `ws-${randomUUID()}`;
    await ensureWorkspace(db(), id);
    await ensureWorkspace(db(), id);

    const rows = await workspaceRows(id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ id, name: id });
    expect(rows[0]?.createdAt).toBeInstanceOf(Date);
  });

  it("stores a given name, and keeps it when later called without one", async () => {
    const id = `ws-${randomUUID()}`;
    await ensureWorkspace(db(), id);
    await ensureWorkspace(db(), id, "Acme");
    await ensureWorkspace(db(), id);

    expect(await workspaceRows(id)).toMatchObject([{ id, name: "Acme" }]);
  });
});
