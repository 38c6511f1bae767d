import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type SyncSourceDependencies, syncSource } from "#connectors/sources/sync-source.ts";
import { searchKnowledge } from "#shared/knowledge/search-knowledge.ts";
import { silentLogger } from "#test/helpers/silent-logger.ts";
import { type NotionSyncKit, startNotionSyncKit } from "#test/notion/notion-sync-test-kit.ts";

/**
 * Webhooks name the pages that changed. Search may not show an edit for a while (indexing delay),
 * so an incremental sync looks the named pages up directly.
 */
describe("an incremental sync with pages a webhook named", () => {
  let kit: NotionSyncKit;
  let dependencies: SyncSourceDependencies;

  beforeAll(async () => {
    kit = await startNotionSyncKit({ clock: "2026-03-01T08:00:00.000Z" });
    // No embedder: lexical search is enough to see what is indexed.
    dependencies = {
      database: kit.database,
      store: kit.store,
      embedder: null,
      logger: silentLogger(),
      connectors: kit.connectors,
    };
  });

  afterAll(() => kit?.close());

  const titlesFor = async (query: string) => {
    const outcome = await searchKnowledge(
      { store: kit.store, embedder: null, logger: silentLogger() },
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
    const office = kit.notion.addPage({
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
    const { Kitchen: kitchen = "", Lockers: lockers = "" } = kit.notion.childPageIds(office);
    expect(await syncSource(dependencies, { connectionId: kit.connectionId, mode: "full" })).toMatchObject({
      status: "done",
    });

    kit.notion.setClock("2026-03-02T08:00:00.000Z");
    kit.notion.editPage(kitchen, {
      blocks: [{ type: "paragraph", text: "The dishwasher now runs after the wombat meeting." }],
    });
    kit.notion.hideFromSearch(kitchen);
    kit.notion.trashPage(lockers);
    const result = await syncSource(dependencies, {
      connectionId: kit.connectionId,
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
    kit.notion.setClock("2026-03-03T08:00:00.000Z");
    kit.notion.editPage(kitchen, {
      blocks: [{ type: "paragraph", text: "The dishwasher runs after the platypus meeting." }],
    });
    const unnamed = await syncSource(dependencies, { connectionId: kit.connectionId, mode: "incremental" });
    expect(unnamed).toMatchObject({ status: "done", report: { documents: 0 } });
    expect(await titlesFor("platypus")).toEqual([]);
  });
});
