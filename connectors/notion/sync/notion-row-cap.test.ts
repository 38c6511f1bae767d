import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { syncSource } from "#connectors/sources/sync-source.ts";
import { listIndexedSourceDocuments } from "#shared/db/source-connection-repository.ts";
import type { Embedder } from "#shared/knowledge/embed/embedder.ts";
import { createOllamaEmbedder } from "#shared/knowledge/embed/ollama-embedder.ts";
import { searchKnowledge } from "#shared/knowledge/search-knowledge.ts";
import { silentLogger } from "#test/helpers/silent-logger.ts";
import { type NotionSyncKit, startNotionSyncKit } from "#test/notion/notion-sync-test-kit.ts";
import { type OllamaStandIn, startOllamaStandIn } from "#test/stand-ins/ollama-server.ts";

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
  let kit: NotionSyncKit;
  let ollama: OllamaStandIn;
  let embedder: Embedder;

  beforeAll(async () => {
    kit = await startNotionSyncKit({ clock: "2026-02-01T08:00:00.000Z", rowCap });
    ollama = await startOllamaStandIn();
    embedder = createOllamaEmbedder({ host: ollama.host });
  });

  afterAll(async () => {
    await kit?.close();
    await ollama?.stop();
  });

  it("indexes every row, those past the cap included, and each answers search", async () => {
    const { notion, database, store } = kit;
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
      { database, store, embedder, logger: silentLogger(), connectors: kit.connectors },
      { connectionId: kit.connectionId, mode: "full" },
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
    const big = await startNotionSyncKit({ clock: "2026-02-01T08:00:00.000Z" });
    try {
      const { dataSourceIds } = big.notion.addDatabase({
        title: "Support tickets",
        parent: { workspace: true },
        dataSources: [{ name: "Support tickets", properties: { Name: "title" } }],
      });
      const total = 12_000;
      const start = Date.parse("2025-01-01T00:00:00.000Z");
      for (let index = 0; index < total; index++) {
        big.notion.addRow(dataSourceIds[0] ?? "", {
          title: `Support ticket ${index}`,
          blocks: [{ type: "paragraph", text: `Desk ${codeWord(index)} needs a new keyboard.` }],
          createdTime: new Date(start + index * 60_000).toISOString(),
        });
      }
      const result = await syncSource(
        {
          database: big.database,
          store: big.store,
          embedder: null,
          logger: silentLogger(),
          connectors: big.connectors,
        },
        { connectionId: big.connectionId, mode: "full" },
      );
      expect(result).toMatchObject({ status: "done", report: { state: "ok", complete: true, failed: [] } });
      const indexed = await listIndexedSourceDocuments(big.database.db, "default", "notion");
      expect(new Set(indexed.map((document) => document.externalId)).size).toBe(total);
      expect(indexed).toHaveLength(total);
      const { results } = await searchKnowledge(
        { store: big.store, embedder: null, logger: silentLogger() },
        "default",
        `desk ${codeWord(total - 1)} keyboard`,
        { limit: 3 },
      );
      expect(results[0]).toMatchObject({ title: `Support ticket ${total - 1}` });
    } finally {
      await big.close();
    }
  }, 300_000);
});
