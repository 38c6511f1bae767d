import { join } from "node:path";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { notionRateLimitRetries } from "#connectors/notion/client/create-notion-client.ts";
import { notionRetryDefaults } from "#connectors/notion/client/retry-notion-requests.ts";
import { internalNotionConnectionId } from "#connectors/notion/sync/internal-notion-connection-id.ts";
import { openDatabase } from "#shared/db/open-database.ts";
import { getSourceConnection, listIndexedSourceDocuments } from "#shared/db/source-connection-repository.ts";
import { searchKnowledge } from "#shared/knowledge/search-knowledge.ts";
import { createLanceDbStore } from "#shared/knowledge/store/lancedb-store.ts";
import { freePort } from "#test/helpers/free-port.ts";
import { randomPrefix, testRedisUrl } from "#test/helpers/queue-test-kit.ts";
import { runSabio } from "#test/helpers/run-sabio.ts";
import { silentLogger } from "#test/helpers/silent-logger.ts";
import { makeTempDir } from "#test/helpers/temp-dir.ts";
import { type BlockSpec, type NotionStandIn, startNotionStandIn } from "#test/stand-ins/notion-server.ts";
import { type OllamaStandIn, startOllamaStandIn } from "#test/stand-ins/ollama-server.ts";

/**
 * `sabio sync` against a Notion stand-in that misbehaves the ways Notion does: rate limits,
 * overloads, 5xx on the POSTs the SDK does not retry, a page that answers 404, trash, un-sharing,
 * renames, pages that shrink, rows search never returns, and a data source past the 10,000-row cap.
 * Each test checks what people see: search answers, no ghost chunks, the connection's state.
 * (A revoked token is covered in notion-sync.test.ts.)
 */

/** A CLI against one stand-in Notion, with its own data directory and Redis budget prefix. */
async function startCli(notion: NotionStandIn, ollama: OllamaStandIn) {
  const temp = await makeTempDir();
  const prefix = randomPrefix();
  const env: Record<string, string> = {
    DATA_DIR: join(temp.path, "data"),
    OLLAMA_HOST: ollama.host,
    NOTION_TOKEN: notion.token,
    NOTION_API_URL: notion.url,
    REDIS_URL: testRedisUrl,
    QUEUE_PREFIX: prefix,
    // The budget is shared through Redis as in production, fast enough for a test.
    NOTION_REQUESTS_PER_SECOND: "100",
  };

  const sabio = (argv: string[]) => runSabio(argv, env);

  return {
    env,
    async sync(...extra: string[]) {
      const result = await sabio(["sync", "--workspace", "default", "--json", ...extra]);
      return { ...result, json: result.stdout === "" ? undefined : JSON.parse(result.stdout) };
    },
    /** Search hits whose text contains `words` (the dense side always returns something). */
    async hitsWith(query: string, words: string) {
      const output = await sabio(["search", query, "--workspace", "default", "--json", "--limit", "20"]);
      const hits = JSON.parse(output.stdout).results as {
        documentId: string;
        title: string;
        url: string;
        text: string;
      }[];
      return hits.filter((hit) => hit.text.includes(words));
    },
    /** Stored passages (not folded per document, as `sabio search` shows them) containing `words`. */
    async passagesWith(query: string, words: string) {
      const store = createLanceDbStore({ directory: join(env.DATA_DIR ?? "", "lancedb"), dimensions: 256 });
      try {
        const dependencies = { store, embedder: null, logger: silentLogger() };
        const { results } = await searchKnowledge(dependencies, "default", query, { limit: 100 });
        return results.filter((result) => result.text.includes(words));
      } finally {
        await store.close();
      }
    },
    async connection() {
      const database = await openDatabase({ dataDir: env.DATA_DIR ?? "" });
      try {
        return await getSourceConnection(database.db, internalNotionConnectionId("default"));
      } finally {
        await database.close();
      }
    },
    /** The ledger's documents and how many chunks the vector store holds for the workspace. */
    async index() {
      const database = await openDatabase({ dataDir: env.DATA_DIR ?? "" });
      const store = createLanceDbStore({ directory: join(env.DATA_DIR ?? "", "lancedb"), dimensions: 256 });
      try {
        const documents = await listIndexedSourceDocuments(database.db, "default", "notion");
        return { documents, storedChunks: await store.countChunks("default") };
      } finally {
        await store.close();
        await database.close();
      }
    },
    async close() {
      const redis = new Redis(testRedisUrl);
      const keys = await redis.keys(`${prefix}:*`);
      if (keys.length > 0) await redis.del(...keys);
      redis.disconnect();
      await temp.remove();
    },
  };
}

type Cli = Awaited<ReturnType<typeof startCli>>;

/** Paragraphs of made-up words: long enough that the page splits into several chunks. */
function longSection(topic: string, paragraphs: number): BlockSpec[] {
  const blocks: BlockSpec[] = [{ type: "heading_2", text: `${topic} rules` }];
  for (let paragraph = 0; paragraph < paragraphs; paragraph++) {
    const words = Array.from({ length: 90 }, (_, word) => `${topic}${paragraph}w${word}`).join(" ");
    blocks.push({ type: "paragraph", text: `${words}.` });
  }
  return blocks;
}

describe("sabio sync under Notion faults", () => {
  let notion: NotionStandIn;
  let ollama: OllamaStandIn;
  let cli: Cli;
  let parking: string;
  let pages: Record<string, string>;
  const projects = "d5000000-0000-4000-8000-0000000000d5";

  beforeAll(async () => {
    notion = await startNotionStandIn({ clock: "2026-03-01T09:00:00.000Z" });
    ollama = await startOllamaStandIn();
    cli = await startCli(notion, ollama);
    // Exactly two top-level pages: the incremental trash check then looks at both every run.
    const wiki = notion.addPage({
      title: "Team wiki",
      parent: { workspace: true },
      blocks: [
        { type: "paragraph", text: "The office wifi password rotates every Monday." },
        { type: "ai_block" },
        { type: "paragraph", text: "Ask the front desk for the guest network." },
        {
          type: "child_page",
          title: "Onboarding",
          blocks: [{ type: "paragraph", text: "New hires get their laptop from the front desk on day one." }],
        },
        {
          type: "child_page",
          title: "Expenses",
          blocks: [{ type: "paragraph", text: "Expense receipts are filed within thirty days." }],
        },
        {
          type: "child_page",
          title: "Travel policy",
          blocks: [...longSection("flight", 6), ...longSection("hotel", 6), ...longSection("train", 6)],
        },
        {
          type: "child_database",
          title: "Projects",
          dataSources: [{ id: projects, name: "Projects", properties: { Name: "title" } }],
        },
      ],
    }).id;
    pages = notion.childPageIds(wiki);
    notion.addRow(projects, {
      title: "Apollo",
      blocks: [{ type: "paragraph", text: "Apollo launches the billing portal in March." }],
    });
    parking = notion.addPage({
      title: "Parking",
      parent: { workspace: true },
      blocks: [{ type: "paragraph", text: "Visitors park on level minus two of the garage." }],
    }).id;
  });

  afterAll(async () => {
    await cli?.close();
    await notion?.close();
    await ollama?.stop();
  });

  /** Every chunk the store holds belongs to a live document, at an index below its chunk count. */
  async function expectNoGhostChunks() {
    const { documents, storedChunks } = await cli.index();
    expect(storedChunks).toBe(documents.reduce((sum, document) => sum + document.chunkCount, 0));
    return documents;
  }

  it("rides out a 429 storm with Retry-After: the sync completes and every page answers", async () => {
    // More 429s in a row than the retry count: with Retry-After they are waited out, not counted.
    const storm = notionRateLimitRetries + 2;
    notion.rateLimitStorm(storm, 1);
    const { code, json } = await cli.sync();
    expect(code).toBe(0);
    expect(json).toMatchObject({ mode: "full", state: "ok", complete: true, failed: [], deleted: 0 });
    expect(notion.requests.filter((request) => request.status === 429)).toHaveLength(storm);
    expect((await cli.hitsWith("laptop front desk", "laptop"))[0]).toMatchObject({ title: "Onboarding" });
    expect((await cli.hitsWith("billing portal launch", "billing portal"))[0]).toMatchObject({
      title: "Apollo",
    });
    expect((await cli.hitsWith("visitors garage", "minus two"))[0]).toMatchObject({ title: "Parking" });
    // The page holding an AI block is indexed, the text around the block included.
    const wiki = await cli.hitsWith("wifi password guest network", "wifi password");
    expect(wiki[0]).toMatchObject({ title: "Team wiki" });
    expect(wiki[0]?.text).toContain("guest network");
    await expectNoGhostChunks();
  }, 90_000); // the first, full sync waits out the storm's Retry-After pauses: slow on a loaded machine

  it("retries a 529 (overloaded) on a page read", async () => {
    notion.setClock("2026-03-02T09:00:00.000Z");
    notion.editPage(parking, {
      blocks: [{ type: "paragraph", text: "Visitors now park in the bicycle-friendly lot." }],
    });
    notion.failNext("/children", { status: 529, retryAfter: 0 }, 2);
    const { code, json } = await cli.sync();
    expect(code).toBe(0);
    expect(json).toMatchObject({ mode: "incremental", state: "ok", complete: true, documents: 1 });
    expect(notion.requests.filter((request) => request.status === 529)).toHaveLength(2);
    expect((await cli.hitsWith("bicycle-friendly lot", "bicycle"))[0]).toMatchObject({ title: "Parking" });
  });

  it("retries a 500 on search, a POST the SDK does not retry", async () => {
    notion.setClock("2026-03-03T09:00:00.000Z");
    notion.editPage(parking, {
      blocks: [{ type: "paragraph", text: "Visitors park behind the bakery on weekends." }],
    });
    const failedSearches = notion.requests.filter(
      (request) => request.path === "/v1/search" && request.status === 500,
    ).length;
    notion.failNext("/v1/search", { status: 500 }, 2);
    const { code, json } = await cli.sync();
    expect(code).toBe(0);
    expect(json).toMatchObject({ mode: "incremental", state: "ok", complete: true, documents: 1 });
    expect(
      notion.requests.filter((request) => request.path === "/v1/search" && request.status === 500),
    ).toHaveLength(failedSearches + 2);
    expect((await cli.hitsWith("park bakery weekends", "bakery"))[0]).toMatchObject({ title: "Parking" });
    expect(await cli.connection()).toMatchObject({ state: "ok", lastError: null });
  });

  it("retries a 503 on a data-source query during a full sync", async () => {
    notion.failNext("/query", { status: 503 }, 2);
    const { code, json } = await cli.sync("--full");
    expect(code).toBe(0);
    expect(json).toMatchObject({ mode: "full", state: "ok", complete: true, failed: [] });
    expect((await cli.hitsWith("billing portal launch", "billing portal"))[0]).toMatchObject({
      title: "Apollo",
    });
  });

  it("a renamed page keeps one copy, under its new title", async () => {
    notion.setClock("2026-03-04T09:00:00.000Z");
    const expenses = pages.Expenses ?? "";
    notion.editPage(expenses, { title: "Expense claims" });
    const { json } = await cli.sync();
    expect(json).toMatchObject({ mode: "incremental", state: "ok", documents: 1, deleted: 0 });
    const hits = await cli.hitsWith("expense receipts thirty days", "thirty days");
    expect(hits.length).toBeGreaterThan(0);
    expect(new Set(hits.map((hit) => hit.documentId)).size).toBe(1);
    expect(hits.every((hit) => hit.title === "Expense claims")).toBe(true);
    const documents = await expectNoGhostChunks();
    expect(documents.filter((document) => document.externalId === expenses)).toHaveLength(1);
  });

  it("a page that shrinks loses its extra chunks", async () => {
    const travel = pages["Travel policy"] ?? "";
    const chunksOf = async () =>
      (await cli.index()).documents.find((document) => document.externalId === travel)?.chunkCount ?? 0;
    const before = await chunksOf();
    expect(before).toBeGreaterThan(2);
    expect(await cli.passagesWith("train rules train3w5", "train3w5")).not.toEqual([]);

    notion.setClock("2026-03-05T09:00:00.000Z");
    notion.editPage(travel, { blocks: [{ type: "paragraph", text: "Book flights through the portal." }] });
    const { json } = await cli.sync();
    expect(json).toMatchObject({ mode: "incremental", state: "ok", documents: 1 });
    expect(await chunksOf()).toBe(1);
    await expectNoGhostChunks();
    expect(await cli.passagesWith("train rules train3w5", "train3w5")).toEqual([]);
    expect(await cli.passagesWith("hotel rules hotel2w7", "hotel2w7")).toEqual([]);
    expect((await cli.hitsWith("book flights portal", "Book flights"))[0]).toMatchObject({
      title: "Travel policy",
    });
  });

  it("a top-level page moved to the trash is gone after the next incremental sync", async () => {
    // Search hides trashed pages and no parent is edited: only the incremental trash check sees it.
    notion.setClock("2026-03-06T09:00:00.000Z");
    notion.trashPage(parking);
    const { json } = await cli.sync();
    expect(json).toMatchObject({ mode: "incremental", state: "ok", deleted: 1 });
    expect(await cli.hitsWith("park bakery weekends", "bakery")).toEqual([]);
    expect((await cli.hitsWith("laptop front desk", "laptop"))[0]).toMatchObject({ title: "Onboarding" });
    await expectNoGhostChunks();
  });

  it("finds a new row search does not return, through its edited data source", async () => {
    notion.setClock("2026-03-07T09:00:00.000Z");
    const hermes = notion.addRow(projects, {
      title: "Hermes",
      blocks: [{ type: "paragraph", text: "Hermes ships the courier tracking app." }],
    }).id;
    notion.hideFromSearch(hermes);
    notion.editDataSource(projects);
    const { json } = await cli.sync();
    expect(json).toMatchObject({ mode: "incremental", state: "ok", documents: 1 });
    expect((await cli.hitsWith("courier tracking app", "courier"))[0]).toMatchObject({ title: "Hermes" });
  });

  it("keeps an un-shared page after a full sync that failed partway; removes it after a complete one", async () => {
    const onboarding = pages.Onboarding ?? "";
    notion.unshare(onboarding);
    // The data-source query fails on every attempt: that part of the listing is missing.
    notion.failNext("/query", { status: 503 }, notionRetryDefaults.failureRetries + 1);
    const partial = await cli.sync("--full");
    expect(partial.code).toBe(1);
    expect(partial.json).toMatchObject({ mode: "full", state: "error", complete: false, deleted: 0 });
    expect((await cli.hitsWith("laptop front desk", "laptop"))[0]).toMatchObject({ title: "Onboarding" });
    expect(await cli.connection()).toMatchObject({
      state: "error",
      lastError: expect.stringMatching(/nothing was deleted/),
    });

    const complete = await cli.sync("--full");
    expect(complete.json).toMatchObject({ mode: "full", state: "ok", complete: true, deleted: 1 });
    expect(await cli.hitsWith("laptop front desk", "laptop")).toEqual([]);
    expect((await cli.hitsWith("courier tracking app", "courier"))[0]).toMatchObject({ title: "Hermes" });
    expect(await cli.connection()).toMatchObject({ state: "ok", lastError: null });
    await expectNoGhostChunks();
  });

  it("fails clearly, without waiting, when Notion asks for a pause longer than the rate-limit budget", async () => {
    const pauseSeconds = notionRetryDefaults.rateLimitBudgetMs / 1000 + 60;
    const rateLimited = () => notion.requests.filter((request) => request.status === 429).length;
    const before = rateLimited();
    notion.rateLimitStorm(3, pauseSeconds);
    const limited = await cli.sync();
    notion.clearFaults();
    expect(limited.code).toBe(1);
    expect(`${limited.stdout}${limited.notes}`).toMatch(/rate limited/i);
    // The first 429 already asked for more than the budget: no request was repeated.
    expect(rateLimited() - before).toBe(1);
  });
});

describe("sabio sync with one page answering 404", () => {
  let notion: NotionStandIn;
  let ollama: OllamaStandIn;
  let cli: Cli;

  beforeAll(async () => {
    notion = await startNotionStandIn({ clock: "2026-03-01T09:00:00.000Z" });
    ollama = await startOllamaStandIn();
    cli = await startCli(notion, ollama);
  });

  afterAll(async () => {
    await cli?.close();
    await notion?.close();
    await ollama?.stop();
  });

  it("skips and reports that page, indexes the rest, and the connection is ok", async () => {
    const policies = notion.addPage({
      title: "Policies",
      parent: { workspace: true },
      blocks: [{ type: "paragraph", text: "Be kind to the espresso machine." }],
    }).id;
    notion.addPage({
      title: "Handbook",
      parent: { workspace: true },
      blocks: [
        { type: "paragraph", text: "Payday is the twenty-eighth." },
        {
          type: "child_page",
          title: "Benefits",
          blocks: [{ type: "paragraph", text: "Dental is covered." }],
        },
      ],
    });
    notion.failObject(policies);
    const { code, json } = await cli.sync();
    expect(code).toBe(0);
    expect(json).toMatchObject({ state: "ok", complete: true, documents: 2, deleted: 0 });
    expect(json.failed).toEqual([{ id: policies, error: expect.stringMatching(/Could not find/) }]);
    expect(await cli.hitsWith("espresso machine", "espresso")).toEqual([]);
    expect((await cli.hitsWith("payday twenty-eighth", "Payday"))[0]).toMatchObject({ title: "Handbook" });
    expect((await cli.hitsWith("dental covered", "Dental"))[0]).toMatchObject({ title: "Benefits" });
    expect(await cli.connection()).toMatchObject({ state: "ok", documentCount: 2, lastError: null });
  });

  it("syncs on its own request budget when Redis does not answer", async () => {
    notion.setClock("2026-03-02T09:00:00.000Z");
    notion.addPage({
      title: "Holidays",
      parent: { workspace: true },
      blocks: [{ type: "paragraph", text: "The office closes between Christmas and New Year." }],
    });
    const redisUrl = cli.env.REDIS_URL ?? "";
    cli.env.REDIS_URL = `redis://127.0.0.1:${await freePort()}`;
    try {
      const { code, json } = await cli.sync();
      expect(code).toBe(0);
      expect(json).toMatchObject({ mode: "incremental", state: "ok", documents: 1 });
    } finally {
      cli.env.REDIS_URL = redisUrl;
    }
    expect((await cli.hitsWith("office closes christmas", "Christmas"))[0]).toMatchObject({
      title: "Holidays",
    });
  });
});
