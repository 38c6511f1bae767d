import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { notionRetryDefaults } from "#connectors/notion/client/retry-notion-requests.ts";
import { internalNotionConnectionId } from "#connectors/notion/sync/internal-notion-connection-id.ts";
import { openDatabase } from "#shared/db/open-database.ts";
import { getSourceConnection } from "#shared/db/source-connection-repository.ts";
import { runSabio } from "#test/helpers/run-sabio.ts";
import { makeTempDir } from "#test/helpers/temp-dir.ts";
import { type NotionStandIn, startNotionStandIn } from "#test/stand-ins/notion-server.ts";
import { type OllamaStandIn, startOllamaStandIn } from "#test/stand-ins/ollama-server.ts";

/**
 * `sabio sync` against a stand-in Notion and Ollama: the first sync is full, later ones incremental
 * (only pages edited since the cursor are read); `full` catches what incremental cannot (un-sharing).
 */
describe("sabio sync (Notion, internal integration)", () => {
  let temp: Awaited<ReturnType<typeof makeTempDir>>;
  let notion: NotionStandIn;
  let ollama: OllamaStandIn;
  let env: Record<string, string>;
  let wiki: string;
  let onboarding: string;
  let parking: string;
  let secret: string;

  beforeAll(async () => {
    temp = await makeTempDir();
    notion = await startNotionStandIn({ clock: "2026-01-01T09:00:00.000Z" });
    ollama = await startOllamaStandIn();
    env = {
      DATA_DIR: join(temp.path, "data"),
      OLLAMA_HOST: ollama.host,
      NOTION_TOKEN: notion.token,
      NOTION_API_URL: notion.url,
    };
    wiki = notion.addPage({
      title: "Team wiki",
      parent: { workspace: true },
      blocks: [
        { type: "paragraph", text: "Everything the team knows." },
        {
          type: "child_page",
          title: "Onboarding",
          blocks: [{ type: "paragraph", text: "New hires get their laptop from the front desk on day one." }],
        },
        {
          type: "child_page",
          title: "Payroll calendar",
          blocks: [{ type: "paragraph", text: "Salaries are paid on the twenty-eighth of each month." }],
        },
      ],
    }).id;
    const children = notion.childPageIds(wiki);
    onboarding = children.Onboarding ?? "";
    secret = children["Payroll calendar"] ?? "";
    parking = notion.addPage({
      title: "Parking",
      parent: { workspace: true },
      blocks: [{ type: "paragraph", text: "Visitors park on level minus two of the garage." }],
    }).id;
  });

  afterAll(async () => {
    await notion?.close();
    await ollama?.stop();
    await temp?.remove();
  });

  const sabio = (argv: string[]) => runSabio(argv, env);

  const sync = async (...extra: string[]) => {
    const result = await sabio(["sync", "--workspace", "default", "--json", ...extra]);
    return { ...result, json: result.stdout === "" ? undefined : JSON.parse(result.stdout) };
  };

  const search = async (query: string) =>
    JSON.parse((await sabio(["search", query, "--workspace", "default", "--json"])).stdout).results as {
      title: string;
      url: string;
      text: string;
    }[];

  /** Hits whose text contains `words`: the dense side always returns something. */
  const hitsWith = async (query: string, words: string) =>
    (await search(query)).filter((hit) => hit.text.includes(words));

  async function connection() {
    const database = await openDatabase({ dataDir: env.DATA_DIR ?? "" });
    try {
      return await getSourceConnection(database.db, internalNotionConnectionId("default"));
    } finally {
      await database.close();
    }
  }

  /** Requests to the stand-ins made while `run` runs. */
  async function counting<T>(run: () => Promise<T>) {
    const before = { api: notion.countRequests(), blocks: notion.blockFetchCount(), embeds: embedCalls() };
    const result = await run();
    return {
      result,
      apiCalls: notion.countRequests() - before.api,
      blockFetches: notion.blockFetchCount() - before.blocks,
      embedCalls: embedCalls() - before.embeds,
    };
  }
  const embedCalls = () => ollama.requestsTo("/api/embed").length;

  it("first sync is full: the workspace, child pages included, with Notion links", async () => {
    const { json, code } = await sync();
    expect(code).toBe(0);
    expect(json).toMatchObject({
      source: "notion-internal@default",
      mode: "full",
      state: "ok",
      complete: true,
      documents: 4,
      deleted: 0,
      failed: [],
    });
    expect(json.embedded).toBeGreaterThan(0);
    const hits = await search("laptop front desk");
    expect(hits[0]).toMatchObject({ title: "Onboarding" });
    expect(hits[0]?.url).toMatch(/^https:\/\/www\.notion\.so\//);
    expect(await connection()).toMatchObject({
      state: "ok",
      syncState: { cursor: "2026-01-01T09:00:00.000Z" },
      documentCount: 4,
      lastError: null,
    });
    expect((await connection())?.lastCompleteSyncAt).toBeInstanceOf(Date);
  });

  it("an incremental sync with nothing changed costs one search: no block fetch, no embedding", async () => {
    const { result, apiCalls, blockFetches, embedCalls } = await counting(() => sync());
    expect(result.json).toMatchObject({ mode: "incremental", state: "ok", documents: 0, deleted: 0 });
    expect(apiCalls).toBeLessThanOrEqual(3);
    expect(blockFetches).toBe(0);
    expect(embedCalls).toBe(0);
  });

  it("an edit re-reads and re-embeds exactly that page", async () => {
    notion.setClock("2026-01-02T10:00:00.000Z");
    notion.editPage(parking, {
      blocks: [{ type: "paragraph", text: "Visitors now park in the new bicycle-friendly lot." }],
    });
    const parkingFetches = notion.blockFetchCount(parking);
    const { result, blockFetches, embedCalls } = await counting(() => sync());
    expect(result.json).toMatchObject({ mode: "incremental", state: "ok", documents: 1, deleted: 0 });
    expect(result.json.embedded).toBe(result.json.chunks);
    expect(blockFetches).toBe(1);
    expect(notion.blockFetchCount(parking)).toBe(parkingFetches + 1);
    expect(embedCalls).toBe(1);
    expect((await search("bicycle-friendly lot"))[0]).toMatchObject({ title: "Parking" });
    expect(await search("level minus two garage")).not.toContainEqual(
      expect.objectContaining({ text: expect.stringContaining("minus two") }),
    );
    expect((await connection())?.syncState).toEqual({ cursor: "2026-01-02T10:00:00.000Z" });
  });

  it("a child page trashed after an incremental sync is gone after the next one", async () => {
    // Notion edits the parent when a child page goes to the trash (its child_page block goes away).
    notion.setClock("2026-01-03T10:00:00.000Z");
    notion.trashPage(secret);
    notion.editPage(wiki, {});
    const { json } = await sync();
    expect(json).toMatchObject({ mode: "incremental", state: "ok", deleted: 1 });
    expect(await hitsWith("salaries twenty-eighth", "twenty-eighth")).toEqual([]);
  });

  it("un-sharing is only caught by a full sync, which removes it", async () => {
    notion.unshare(onboarding);
    const incremental = await sync();
    expect(incremental.json).toMatchObject({ mode: "incremental", deleted: 0 });
    expect((await search("laptop front desk"))[0]).toMatchObject({ title: "Onboarding" });

    const full = await sync("--full");
    expect(full.json).toMatchObject({ mode: "full", state: "ok", complete: true, deleted: 1 });
    expect(await hitsWith("laptop front desk", "front desk")).toEqual([]);
    expect((await search("bicycle-friendly lot"))[0]).toMatchObject({ title: "Parking" });
  });

  it("a full sync that fails halfway records an error and deletes nothing", async () => {
    notion.failNext("/v1/search", { status: 503 }, notionRetryDefaults.failureRetries + 1);
    const result = await sync("--full");
    expect(result.code).toBe(1);
    expect(result.json).toMatchObject({ mode: "full", state: "error", complete: false, deleted: 0 });
    expect((await search("bicycle-friendly lot"))[0]).toMatchObject({ title: "Parking" });
    expect((await connection())?.lastError).toMatch(/nothing was deleted/);
  });

  it("an incremental sync that fails records an error, deletes nothing, and says so plainly", async () => {
    notion.failNext("/v1/search", { status: 503 }, notionRetryDefaults.failureRetries + 1);
    const result = await sync();
    expect(result.code).not.toBe(0);
    // --json: the error is the one JSON document on stdout, in plain words, no stack trace.
    expect(result.json?.error?.message).toMatch(/The Notion sync failed .*nothing was deleted/);
    expect(result.stdout).not.toMatch(/\n\s+at /);
    expect(await connection()).toMatchObject({ state: "error" });
    expect((await search("bicycle-friendly lot"))[0]).toMatchObject({ title: "Parking" });
  });

  it("a full pass reads no page again that the index holds as current", async () => {
    const { result, blockFetches, embedCalls } = await counting(() => sync("--full"));
    expect(result.json).toMatchObject({
      mode: "full",
      state: "ok",
      complete: true,
      documents: 0,
      deleted: 0,
    });
    expect(result.json.unchanged).toBe(2);
    expect(blockFetches).toBe(0);
    expect(embedCalls).toBe(0);
  });

  it("a full pass that stops halfway keeps what it read; the next one picks up without re-reading it", async () => {
    notion.setClock("2026-01-05T10:00:00.000Z");
    notion.editPage(wiki, { blocks: [{ type: "paragraph", text: "The wiki now covers the on-call rota." }] });
    notion.editPage(parking, { blocks: [{ type: "paragraph", text: "Visitors park at the north gate." }] });
    // Parking's blocks keep failing (beyond the client's retries): the pass cannot finish.
    notion.failNext(
      new RegExp(`/v1/blocks/${parking}/children`),
      { status: 503 },
      notionRetryDefaults.failureRetries + 1,
    );
    const stopped = await sync("--full");
    expect(stopped.json).toMatchObject({ mode: "full", state: "error", complete: false, deleted: 0 });
    expect((await search("on-call rota"))[0]).toMatchObject({ title: "Team wiki" });

    const wikiReads = notion.blockFetchCount(wiki);
    const resumed = await sync("--full");
    expect(resumed.json).toMatchObject({ mode: "full", state: "ok", complete: true, documents: 1 });
    expect(notion.blockFetchCount(wiki)).toBe(wikiReads);
    expect((await search("north gate"))[0]).toMatchObject({ title: "Parking" });
  });

  it("a revoked token marks the connection needs_reauth and deletes nothing", async () => {
    notion.revokeToken();
    for (const extra of [[], ["--full"]]) {
      const result = await sync(...extra);
      expect(result.code).not.toBe(0);
      expect(result.json?.error?.message).toMatch(/no longer accepts this connection's token/);
      expect(result.json?.error?.hint).toMatch(/reconnect Notion/);
      expect(await connection()).toMatchObject({
        state: "needs_reauth",
        lastError: expect.stringMatching(/nothing was deleted/),
        documentCount: 2,
      });
    }
    expect((await search("north gate"))[0]).toMatchObject({ title: "Parking" });
  });

  it("says what to do when no Notion token is configured", async () => {
    const { NOTION_TOKEN: _unused, ...withoutToken } = env;
    expect((await runSabio(["sync", "--workspace", "default"], withoutToken)).code).toBe(2);
  });
});
