import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SourceAlerts } from "../../connectors/sources/source-alerts.ts";
import type { SourceConnector } from "../../connectors/sources/source-connector.ts";
import { sourceConnectors } from "../../connectors/sources/source-connectors.ts";
import { type SyncSourceDependencies, syncSource } from "../../connectors/sources/sync-source.ts";
import type { Database } from "../../shared/db/database.ts";
import { openDatabase } from "../../shared/db/open-database.ts";
import type { SourceConnectionRow } from "../../shared/db/schema.ts";
import {
  getSourceConnection,
  listIndexedSourceDocuments,
} from "../../shared/db/source-connection-repository.ts";
import type { Embedder } from "../../shared/knowledge/embed/embedder.ts";
import { searchKnowledge } from "../../shared/knowledge/search-knowledge.ts";
import { createLanceDbStore } from "../../shared/knowledge/store/lancedb-store.ts";
import type { VectorStore } from "../../shared/knowledge/store/vector-store.ts";
import { silentLogger } from "../helpers/silent-logger.ts";
import { makeTempDir } from "../helpers/temp-dir.ts";

/** One source's items, driven through its stand-in (or the file system). */
export interface SourceFixture {
  connector: SourceConnector;
  /** Creates the connection row (kind, source, settings, credentials) in `database`. */
  connect(database: Database, workspaceId: string): Promise<SourceConnectionRow>;
  /** A new item with this title and text; returns the id it is indexed under (its external id). */
  add(title: string, text: string): Promise<string>;
  /** The item's content changes (the source's clock moves on first, as an edit would). */
  edit(id: string, text: string): Promise<void>;
  /** The item is gone from what the connection can see (deleted, trashed or un-shared). */
  remove(id: string): Promise<void>;
  /** Until `restoreListing`, listing the source fails for a reason that may pass (outage). */
  breakListing(): Promise<void>;
  restoreListing(): Promise<void>;
  /** The credential stops working for good (revoked grant); the last thing the suite does. Absent: the kind has none (folders). */
  revokeCredentials?(): Promise<void>;
  close(): Promise<void>;
}

const dimensions = 8;

/** Counts what it embeds: a sync that changed nothing must embed nothing. */
function countingEmbedder(): Embedder & { embedded: number } {
  const vector = (text: string) =>
    Array.from({ length: dimensions }, (_, index) => (text.length + index) % 7);
  const embedder = {
    model: "counting",
    dimensions,
    embedded: 0,
    async embedDocuments(items: { title: string; text: string }[]) {
      embedder.embedded += items.length;
      return items.map((item) => vector(item.text));
    },
    async embedQuery(text: string) {
      return vector(text);
    },
  };
  return embedder;
}

/**
 * The behaviour every source connector shares, through syncSource as the sync role and the CLI run
 * it: indexing, no work when nothing changed, edits re-read, deletions only after a complete listing,
 * and a dead credential stopping the connection (needs re-auth, admins told) with nothing deleted.
 * The tests run in order on one connection.
 */
export function sourceConnectorContract(
  name: string,
  makeFixture: () => Promise<SourceFixture>,
  options: { credentials: boolean } = { credentials: true },
): void {
  describe(`source connector contract: ${name}`, () => {
    let fixture: SourceFixture;
    let temp: Awaited<ReturnType<typeof makeTempDir>>;
    let database: Database;
    let store: VectorStore;
    let connection: SourceConnectionRow;
    const embedder = countingEmbedder();
    const alerted: string[] = [];
    const items: Record<string, string> = {};
    const workspaceId = "contract";

    beforeAll(async () => {
      temp = await makeTempDir();
      fixture = await makeFixture();
      database = await openDatabase({ dataDir: join(temp.path, "data") });
      store = createLanceDbStore({ directory: join(temp.path, "lancedb"), dimensions });
      connection = await fixture.connect(database, workspaceId);
      expect(connection.kind).toBe(fixture.connector.kind);
    });

    afterAll(async () => {
      await store?.close();
      await database?.close();
      await fixture?.close();
      await temp?.remove();
    });

    const alerts: SourceAlerts = {
      async needsReauth(row) {
        alerted.push(row.id);
      },
    };
    const dependencies = (): SyncSourceDependencies => ({
      database,
      store,
      embedder,
      logger: silentLogger(),
      connectors: sourceConnectors([fixture.connector]),
      alerts,
    });
    const sync = async (mode: "full" | "incremental") => {
      const result = await syncSource(dependencies(), { connectionId: connection.id, mode });
      if (result.status !== "done") throw new Error("the sync did not run");
      return result.report;
    };
    const indexedIds = async () =>
      (await listIndexedSourceDocuments(database.db, workspaceId, connection.source))
        .map((document) => document.externalId)
        .sort();
    const embedding = async (run: () => Promise<unknown>) => {
      const before = embedder.embedded;
      await run();
      return embedder.embedded - before;
    };

    it("a first sync indexes every item, complete, and records the connection ok", async () => {
      items.parking = await fixture.add("Parking", "Visitors park on level minus two of the garage.");
      items.laptops = await fixture.add("Laptops", "New hires get their laptop from the front desk.");
      const report = await sync("incremental");
      expect(report).toMatchObject({ mode: "full", state: "ok", complete: true, indexed: 2, deleted: 0 });
      expect(report.seen).toBeGreaterThanOrEqual(2);
      expect(report.failed).toEqual([]);
      expect(await indexedIds()).toEqual([items.parking, items.laptops].sort());
      expect(await getSourceConnection(database.db, connection.id)).toMatchObject({
        state: "ok",
        documentCount: 2,
        lastError: null,
      });
    });

    it("a second sync with nothing changed embeds nothing and deletes nothing", async () => {
      for (const mode of ["incremental", "full"] as const) {
        let report: Awaited<ReturnType<typeof sync>> | undefined;
        expect(await embedding(async () => (report = await sync(mode)))).toBe(0);
        expect(report).toMatchObject({ state: "ok", complete: true, indexed: 0, deleted: 0 });
      }
      expect(await indexedIds()).toHaveLength(2);
    });

    it("an edited item is read again, and only it is embedded", async () => {
      await fixture.edit(items.parking ?? "", "Visitors park in the bicycle-friendly lot behind the office.");
      let report: Awaited<ReturnType<typeof sync>> | undefined;
      const embedded = await embedding(async () => (report = await sync("incremental")));
      expect(report).toMatchObject({ state: "ok", complete: true, indexed: 1, deleted: 0 });
      expect(embedded).toBeGreaterThan(0);
      const { results } = await searchKnowledge(
        { store, embedder: null, logger: silentLogger() },
        workspaceId,
        "bicycle-friendly lot",
        { limit: 3 },
      );
      expect(results[0]?.title).toBe("Parking");
    });

    it("a removed item stays while the listing is incomplete, and goes after a complete one", async () => {
      await fixture.remove(items.laptops ?? "");
      await fixture.breakListing();
      try {
        const outcome = await sync("full").then(
          (report) => ({ report }),
          (error: unknown) => ({ error }),
        );
        if ("report" in outcome) expect(outcome.report).toMatchObject({ complete: false, deleted: 0 });
        expect(await indexedIds()).toContain(items.laptops);
        expect((await getSourceConnection(database.db, connection.id))?.state).toBe("error");
      } finally {
        await fixture.restoreListing();
      }
      const report = await sync("full");
      expect(report).toMatchObject({ state: "ok", complete: true, deleted: 1 });
      expect(await indexedIds()).toEqual([items.parking]);
    });

    it.runIf(options.credentials)(
      "a dead credential puts the connection in needs re-auth, admins told, nothing deleted",
      async () => {
        if (!fixture.revokeCredentials) throw new Error(`${name}: the fixture cannot revoke its credential`);
        await fixture.revokeCredentials();
        for (const mode of ["incremental", "full"] as const)
          await expect(sync(mode)).rejects.toMatchObject({ code: "invalid_config" });
        expect(await getSourceConnection(database.db, connection.id)).toMatchObject({
          state: "needs_reauth",
        });
        expect(alerted).toContain(connection.id);
        expect(await indexedIds()).toEqual([items.parking]);
      },
    );
  });
}
