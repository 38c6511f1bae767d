import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureEnvConnections } from "#connectors/sources/ensure-env-connections.ts";
import { type SyncSourceDependencies, syncSource } from "#connectors/sources/sync-source.ts";
import type { Database } from "#shared/db/database.ts";
import { openDatabase } from "#shared/db/open-database.ts";
import { searchKnowledge } from "#shared/knowledge/search-knowledge.ts";
import { createLanceDbStore } from "#shared/knowledge/store/lancedb-store.ts";
import type { VectorStore } from "#shared/knowledge/store/vector-store.ts";
import { notionConnectors } from "#test/helpers/notion-connectors.ts";
import { silentLogger } from "#test/helpers/silent-logger.ts";
import { makeTempDir } from "#test/helpers/temp-dir.ts";
import { type NotionStandIn, startNotionStandIn } from "#test/stand-ins/notion-server.ts";
import { internalNotionConnectionId } from "./internal-notion-connection-id.ts";

/**
 * Webhooks name the pages that changed. Search may not show an edit for a while (indexing delay),
 * so an incremental sync looks the named pages up directly.
 */
describe("an incremental sync with pages a webhook named", () => {
  let temp: Awaited<ReturnType<typeof makeTempDir>>;
  let notion: NotionStandIn;
  let database: Database;
  let store: VectorStore;
  let dependencies: SyncSourceDependencies;
  const connectionId = internalNotionConnectionId("default");

  beforeAll(async () => {
    temp = await makeTempDir();
    notion = await startNotionStandIn({ clock: "2026-03-01T08:00:00.000Z" });
    database = await openDatabase({ dataDir: join(temp.path, "data") });
    store = createLanceDbStore({ directory: join(temp.path, "data", "lancedb"), dimensions: 256 });
    await ensureEnvConnections(database.db, { NOTION_TOKEN: notion.token, SABIO_WORKSPACE: "default" });
    // No embedder: lexical search is enough to see what is indexed.
    dependencies = {
      database,
      store,
      embedder: null,
      logger: silentLogger(),
      connectors: notionConnectors({ apiUrl: notion.url, internalToken: notion.token }),
    };
  });

  afterAll(async () => {
    await store?.close();
    await database?.close();
    await notion?.close();
    await temp?.remove();
  });

  const titlesFor = async (query: string) => {
    const outcome = await searchKnowledge(
      { store, embedder: null, logger: silentLogger() },
      "default",
      query,
      {
        limit: 5,
      },
    );
    return outcome.results.map((hit) => hit.title);
  };

  it("reads an edited page search does not show yet, and removes a trashed one", async () => {
    // Child pages of an indexed parent that stays unedited: nothing but the webhook points at them.
    const office = notion.addPage({
      title: "Office",
      parent: { workspace: true },
      blocks: [
        {
          type: "child_page",
          title: "Kitchen",
          blocks: [{ type: "paragraph", text: "The dishwasher runs after the quokka meeting." }],
        },
        {
          type: "child_page",
          title: "Lockers",
          blocks: [{ type: "paragraph", text: "Locker keys are at reception." }],
        },
      ],
    }).id;
    const { Kitchen: kitchen = "", Lockers: lockers = "" } = notion.childPageIds(office);
    expect(await syncSource(dependencies, { connectionId, mode: "full" })).toMatchObject({ status: "done" });

    notion.setClock("2026-03-02T08:00:00.000Z");
    notion.editPage(kitchen, {
      blocks: [{ type: "paragraph", text: "The dishwasher now runs after the wombat meeting." }],
    });
    notion.hideFromSearch(kitchen);
    notion.trashPage(lockers);
    const result = await syncSource(dependencies, {
      connectionId,
      mode: "incremental",
      itemIds: [kitchen, lockers],
    });
    expect(result).toMatchObject({
      status: "done",
      report: { mode: "incremental", documents: 1, deleted: 1 },
    });
    expect(await titlesFor("wombat")).toEqual(["Kitchen"]);
    expect(await titlesFor("quokka")).toEqual([]);
    expect(await titlesFor("locker")).toEqual([]);

    // The same sync without the webhook's pages would have seen neither change.
    notion.setClock("2026-03-03T08:00:00.000Z");
    notion.editPage(kitchen, {
      blocks: [{ type: "paragraph", text: "The dishwasher runs after the platypus meeting." }],
    });
    const unnamed = await syncSource(dependencies, { connectionId, mode: "incremental" });
    expect(unnamed).toMatchObject({ status: "done", report: { documents: 0 } });
    expect(await titlesFor("platypus")).toEqual([]);
  });
});
