import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { testDatabaseBackends, useTestDatabase } from "#test/helpers/test-database-backends.ts";
import { upsertDocuments } from "./document-repository.ts";
import {
  acquireSyncLease,
  deleteSourceConnection,
  ensureSourceConnection,
  getSourceConnection,
  listIndexedSourceDocuments,
  listSourceConnections,
  markSourceError,
  markSourceNeedsReauth,
  markSourceOk,
  markSourceSyncing,
  releaseSyncLease,
  renewSyncLease,
  saveOAuthConnection,
  saveSourceCredentials,
} from "./source-connection-repository.ts";

const newWorkspace = () => `ws-${randomUUID().slice(0, 8)}`;

describe.each(testDatabaseBackends)("source connections on $kind", (backend) => {
  const db = useTestDatabase(backend);

  it("creates a connection once and lists it by workspace", async () => {
    const workspaceId = newWorkspace();
    const key = {
      id: `notion-internal@${workspaceId}`,
      workspaceId,
      kind: "notion" as const,
      source: "notion",
    };
    const first = await ensureSourceConnection(db(), key);
    expect(first).toMatchObject({ ...key, state: "ok", syncState: null, lastError: null, documentCount: 0 });
    await markSourceOk(db(), key.id, { syncState: { cursor: "2026-01-01T00:00:00.000Z" }, documentCount: 3 });
    const again = await ensureSourceConnection(db(), key);
    expect(again.documentCount).toBe(3);
    expect((await listSourceConnections(db(), workspaceId)).map((row) => row.id)).toEqual([key.id]);
    expect(await listSourceConnections(db(), newWorkspace())).toEqual([]);
    await expect(ensureSourceConnection(db(), { ...key, workspaceId: newWorkspace() })).rejects.toThrow();
  });

  it("moves through syncing, ok, error and needs_reauth; the sync state stays unless a success sets it", async () => {
    const workspaceId = newWorkspace();
    const id = `notion-internal@${workspaceId}`;
    await ensureSourceConnection(db(), { id, workspaceId, kind: "notion", source: "notion" });
    const started = new Date("2026-03-01T10:00:00Z");
    await markSourceSyncing(db(), id, started);
    expect(await getSourceConnection(db(), id)).toMatchObject({ state: "syncing", lastSyncAt: started });

    // Opaque to the repository: a Drive page token is a string, Notion keeps an object.
    const syncState = "page-token-42";
    await markSourceOk(db(), id, { syncState, documentCount: 7, completeAt: started });
    expect(await getSourceConnection(db(), id)).toMatchObject({
      state: "ok",
      syncState,
      documentCount: 7,
      lastCompleteSyncAt: started,
    });

    await markSourceError(db(), id, "Notion was unavailable (503); the next sync tries again.");
    expect(await getSourceConnection(db(), id)).toMatchObject({
      state: "error",
      syncState,
      documentCount: 7,
    });

    await markSourceOk(db(), id, { documentCount: 8 });
    expect(await getSourceConnection(db(), id)).toMatchObject({
      state: "ok",
      syncState,
      lastError: null,
      lastCompleteSyncAt: started,
    });

    await markSourceNeedsReauth(db(), id, "Notion refused the token.");
    expect(await getSourceConnection(db(), id)).toMatchObject({
      state: "needs_reauth",
      lastError: "Notion refused the token.",
    });
    expect(await deleteSourceConnection(db(), id)).toMatchObject({ id });
    expect(await getSourceConnection(db(), id)).toBeUndefined();
    expect(await deleteSourceConnection(db(), id)).toBeUndefined();
  });

  it("lists one source's indexed documents with their edit time and parent", async () => {
    const workspaceId = newWorkspace();
    const updatedAt = new Date("2026-01-02T03:04:00Z");
    const row = {
      workspaceId,
      title: "Page",
      url: "https://www.notion.so/page",
      updatedAt,
      contentHash: "h",
      chunkCount: 2,
    };
    await upsertDocuments(db(), [
      { ...row, id: `${workspaceId}-a`, source: "notion", externalId: "a", metadata: { parentId: "p" } },
      { ...row, id: `${workspaceId}-b`, source: "files", externalId: "b" },
    ]);
    expect(await listIndexedSourceDocuments(db(), workspaceId, "notion")).toEqual([
      {
        id: `${workspaceId}-a`,
        externalId: "a",
        updatedAt,
        chunkCount: 2,
        parentId: "p",
        metadata: { parentId: "p" },
        indexedAt: expect.any(Date),
        contentHash: "h",
        access: null,
      },
    ]);
  });

  it("lets one sync hold a connection's lease at a time; an expired lease can be taken over", async () => {
    const workspaceId = newWorkspace();
    const id = `notion-internal@${workspaceId}`;
    await ensureSourceConnection(db(), { id, workspaceId, kind: "notion", source: "notion" });
    expect(await acquireSyncLease(db(), id, "worker-a", 60_000)).toBe(true);
    expect(await acquireSyncLease(db(), id, "worker-b", 60_000)).toBe(false);
    expect(await renewSyncLease(db(), id, "worker-b", 60_000)).toBe(false);
    expect(await renewSyncLease(db(), id, "worker-a", 60_000)).toBe(true);
    await releaseSyncLease(db(), id, "worker-b");
    expect(await acquireSyncLease(db(), id, "worker-b", 60_000)).toBe(false);
    await releaseSyncLease(db(), id, "worker-a");
    expect(await acquireSyncLease(db(), id, "worker-b", 1)).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 20));
    // worker-b was killed: its 1 ms lease ran out.
    expect(await acquireSyncLease(db(), id, "worker-c", 60_000)).toBe(true);
  });

  it("saves an OAuth connection; reconnecting the same account replaces its tokens and clears the error", async () => {
    const workspaceId = newWorkspace();
    const connection = {
      id: `notion-abc@${workspaceId}`,
      workspaceId,
      kind: "notion" as const,
      source: "notion:abc",
      label: "Acme",
      externalAccountId: "abc",
      connectedBy: "slack:U1",
      credentials: "sealed-1",
    };
    await saveOAuthConnection(db(), connection);
    await markSourceOk(db(), connection.id, {
      syncState: { cursor: "2026-01-01T00:00:00.000Z" },
      documentCount: 4,
    });
    await markSourceNeedsReauth(db(), connection.id, "token revoked");
    const again = await saveOAuthConnection(db(), { ...connection, credentials: "sealed-2" });
    expect(again).toMatchObject({ state: "ok", lastError: null, credentials: "sealed-2", documentCount: 4 });
    expect(again.syncState).toEqual({ cursor: "2026-01-01T00:00:00.000Z" });
    await saveSourceCredentials(db(), connection.id, "sealed-3");
    expect((await getSourceConnection(db(), connection.id))?.credentials).toBe("sealed-3");
  });
});
