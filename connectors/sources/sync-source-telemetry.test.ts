import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { internalNotionConnectionId } from "#connectors/notion/sync/internal-notion-connection-id.ts";
import { ensureEnvConnections } from "#connectors/sources/ensure-env-connections.ts";
import type { Database } from "#shared/db/database.ts";
import { openDatabase } from "#shared/db/open-database.ts";
import { createLanceDbStore } from "#shared/knowledge/store/lancedb-store.ts";
import type { VectorStore } from "#shared/knowledge/store/vector-store.ts";
import { noTelemetry, type SyncFinished } from "#shared/telemetry/telemetry.ts";
import { notionConnectors } from "#test/helpers/notion-connectors.ts";
import { silentLogger } from "#test/helpers/silent-logger.ts";
import { makeTempDir } from "#test/helpers/temp-dir.ts";
import { type NotionStandIn, startNotionStandIn } from "#test/stand-ins/notion-server.ts";
import { syncSource } from "./sync-source.ts";

describe("syncSource on the telemetry seam", () => {
  let temp: Awaited<ReturnType<typeof makeTempDir>>;
  let notion: NotionStandIn;
  let database: Database;
  let store: VectorStore;

  beforeAll(async () => {
    temp = await makeTempDir();
    notion = await startNotionStandIn({ clock: "2026-02-01T08:00:00.000Z" });
    database = await openDatabase({ dataDir: join(temp.path, "data") });
    store = createLanceDbStore({ directory: join(temp.path, "data", "lancedb"), dimensions: 256 });
    await ensureEnvConnections(database.db, { NOTION_TOKEN: notion.token, SABIO_WORKSPACE: "default" });
  });

  afterAll(async () => {
    await store?.close();
    await database?.close();
    await notion?.close().catch(() => {}); // the test closes it to make the second sync fail
    await temp?.remove();
  });

  it("reports each sync that ran: state, mode, documents, a duration; a failed one as an error", async () => {
    notion.addPage({
      title: "Deploys",
      parent: { workspace: true },
      blocks: [{ type: "paragraph", text: "Use the release script." }],
    });
    const finished: SyncFinished[] = [];
    const telemetry = { ...noTelemetry, syncFinished: (event: SyncFinished) => void finished.push(event) };
    const dependencies = {
      database,
      store,
      embedder: null,
      logger: silentLogger(),
      connectors: notionConnectors({ apiUrl: notion.url, internalToken: notion.token }),
      telemetry,
    };
    const connectionId = internalNotionConnectionId("default");
    await syncSource(dependencies, { connectionId, mode: "full" });
    expect(finished).toEqual([
      expect.objectContaining({
        workspaceId: "default",
        kind: "notion",
        connectionId,
        mode: "full",
        state: "ok",
        documents: 1,
        failed: 0,
      }),
    ]);
    expect(finished[0]?.durationMs).toBeGreaterThanOrEqual(0);

    await notion.close();
    await expect(syncSource(dependencies, { connectionId, mode: "incremental" })).rejects.toBeDefined();
    expect(finished[1]).toMatchObject({ connectionId, state: "error" });
  });
});
