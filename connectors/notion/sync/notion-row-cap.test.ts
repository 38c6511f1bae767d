import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureEnvConnections } from "#connectors/sources/ensure-env-connections.ts";
import { syncSource } from "#connectors/sources/sync-source.ts";
import type { Database } from "#shared/db/database.ts";
import { openDatabase } from "#shared/db/open-database.ts";
import { listIndexedSourceDocuments } from "#shared/db/source-connection-repository.ts";
import type { Embedder } from "#shared/knowledge/embed/embedder.ts";
import { createOllamaEmbedder } from "#shared/knowledge/embed/ollama-embedder.ts";
import { searchKnowledge } from "#shared/knowledge/search-knowledge.ts";
import { createLanceDbStore } from "#shared/knowledge/store/lancedb-store.ts";
import type { VectorStore } from "#shared/knowledge/store/vector-store.ts";
import { notionConnectors } from "#test/helpers/notion-connectors.ts";
import { silentLogger } from "#test/helpers/silent-logger.ts";
import { makeTempDir } from "#test/helpers/temp-dir.ts";
import { type NotionStandIn, startNotionStandIn } from "#test/stand-ins/notion-server.ts";
import { type OllamaStandIn, startOllamaStandIn } from "#test/stand-ins/ollama-server.ts";
import { internalNotionConnectionId } from "./internal-notion-connection-id.ts";

/**
 * Notion's query stops at 10,000 rows. The first test lowers the stand-in's cap to 100 so 250 rows
 * take three windows (with embeddings, quickly); the second runs the real scale: 12,000 rows against
 * the real cap (~45 s here, lexical only).
 */
const rowCap = 100;
const rows = 250;

/** A made-up word per row, e.g. "zorbab", so one row's text matches one query. */
function codeWord(index: number): string {
  const letters = [Math.floor(index / 676), Math.floor(index / 26) % 26, index % 26];
  return `zorb${letters.map((letter) => String.fromCharCode(97 + letter)).join("")}`;
}

describe("a data source past the query's row cap", () => {
  let temp: Awaited<ReturnType<typeof makeTempDir>>;
  let notion: NotionStandIn;
  let ollama: OllamaStandIn;
  let database: Database;
  let store: VectorStore;
  let embedder: Embedder;

  beforeAll(async () => {
    temp = await makeTempDir();
    notion = await startNotionStandIn({ clock: "2026-02-01T08:00:00.000Z", rowCap });
    ollama = await startOllamaStandIn();
    embedder = createOllamaEmbedder({ host: ollama.host });
    database = await openDatabase({ dataDir: join(temp.path, "data") });
    store = createLanceDbStore({ directory: join(temp.path, "data", "lancedb"), dimensions: 256 });
    await ensureEnvConnections(database.db, { NOTION_TOKEN: notion.token, SABIO_WORKSPACE: "default" });
  });

  afterAll(async () => {
    await store?.close();
    await database?.close();
    await notion?.close();
    await ollama?.stop();
    await temp?.remove();
  });

  it("indexes every row, those past the cap included, and each answers search", async () => {
    const { dataSourceIds } = notion.addDatabase({
      title: "Tickets",
      parent: { workspace: true },
      dataSources: [{ name: "Tickets", properties: { Name: "title" } }],
    });
    const start = Date.parse("2026-01-01T00:00:00.000Z");
    for (let index = 0; index < rows; index++) {
      // Pairs share a created time: the windows overlap on ties without duplicating rows.
      const createdTime = new Date(start + Math.floor(index / 2) * 60_000).toISOString();
      notion.addRow(dataSourceIds[0] ?? "", {
        title: `Ticket ${index}`,
        blocks: [{ type: "paragraph", text: `The printer in room ${codeWord(index)} jams.` }],
        createdTime,
      });
    }
    const result = await syncSource(
      {
        database,
        store,
        embedder,
        logger: silentLogger(),
        connectors: notionConnectors({ apiUrl: notion.url, internalToken: notion.token }),
      },
      { connectionId: internalNotionConnectionId("default"), mode: "full" },
    );

    expect(result).toMatchObject({ status: "done", report: { state: "ok", complete: true, failed: [] } });
    const indexed = await listIndexedSourceDocuments(database.db, "default", "notion");
    expect(new Set(indexed.map((document) => document.externalId)).size).toBe(rows);
    expect(indexed).toHaveLength(rows);
    const windows = notion.requests.filter(
      (request) => request.path.endsWith("/query") && JSON.stringify(request.body).includes("on_or_after"),
    );
    expect(windows.length).toBeGreaterThan(0);
    const { results } = await searchKnowledge(
      { store, embedder, logger: silentLogger() },
      "default",
      `printer room ${codeWord(rows - 1)}`,
      { limit: 5 },
    );
    expect(results[0]).toMatchObject({ title: `Ticket ${rows - 1}` });
  });

  it("reads a 12,000-row data source completely at Notion's real 10,000-row cap", async () => {
    const big = await startNotionStandIn({ clock: "2026-02-01T08:00:00.000Z" });
    const bigTemp = await makeTempDir();
    const bigDatabase = await openDatabase({ dataDir: join(bigTemp.path, "data") });
    const bigStore = createLanceDbStore({
      directory: join(bigTemp.path, "data", "lancedb"),
      dimensions: 256,
    });
    try {
      await ensureEnvConnections(bigDatabase.db, { NOTION_TOKEN: big.token, SABIO_WORKSPACE: "default" });
      const { dataSourceIds } = big.addDatabase({
        title: "Support tickets",
        parent: { workspace: true },
        dataSources: [{ name: "Support tickets", properties: { Name: "title" } }],
      });
      const total = 12_000;
      const start = Date.parse("2025-01-01T00:00:00.000Z");
      for (let index = 0; index < total; index++) {
        big.addRow(dataSourceIds[0] ?? "", {
          title: `Support ticket ${index}`,
          blocks: [{ type: "paragraph", text: `Desk ${codeWord(index)} needs a new keyboard.` }],
          createdTime: new Date(start + index * 60_000).toISOString(),
        });
      }
      const result = await syncSource(
        {
          database: bigDatabase,
          store: bigStore,
          embedder: null,
          logger: silentLogger(),
          connectors: notionConnectors({ apiUrl: big.url, internalToken: big.token }),
        },
        { connectionId: internalNotionConnectionId("default"), mode: "full" },
      );
      expect(result).toMatchObject({ status: "done", report: { state: "ok", complete: true, failed: [] } });
      const indexed = await listIndexedSourceDocuments(bigDatabase.db, "default", "notion");
      expect(new Set(indexed.map((document) => document.externalId)).size).toBe(total);
      expect(indexed).toHaveLength(total);
      const { results } = await searchKnowledge(
        { store: bigStore, embedder: null, logger: silentLogger() },
        "default",
        `desk ${codeWord(total - 1)} keyboard`,
        { limit: 3 },
      );
      expect(results[0]).toMatchObject({ title: `Support ticket ${total - 1}` });
    } finally {
      await bigStore.close();
      await bigDatabase.close();
      await big.close();
      await bigTemp.remove();
    }
  }, 300_000);
});
