import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { testDatabaseBackends, useTestDatabase } from "#test/helpers/test-database-backends.ts";
import { listAllSourceConnections } from "./list-all-source-connections.ts";
import { deleteSourceConnection, ensureSourceConnection } from "./source-connection-repository.ts";

describe.each(testDatabaseBackends)("listAllSourceConnections on $kind", (backend) => {
  const db = useTestDatabase(backend);

  it("lists the connections of every workspace, and no longer a deleted one", async () => {
    const workspaces = [`ws-${randomUUID().slice(0, 8)}`, `ws-${randomUUID().slice(0, 8)}`];
    for (const workspaceId of workspaces) {
      await ensureSourceConnection(db(), {
        id: `notion-internal@${workspaceId}`,
        workspaceId,
        kind: "notion",
        source: "notion",
      });
    }
    const ids = (await listAllSourceConnections(db())).map((row) => row.id);
    expect(ids).toEqual(
      expect.arrayContaining(workspaces.map((workspaceId) => `notion-internal@${workspaceId}`)),
    );

    await deleteSourceConnection(db(), `notion-internal@${workspaces[0]}`);
    const after = (await listAllSourceConnections(db())).map((row) => row.id);
    expect(after).not.toContain(`notion-internal@${workspaces[0]}`);
    expect(after).toContain(`notion-internal@${workspaces[1]}`);
  });
});
