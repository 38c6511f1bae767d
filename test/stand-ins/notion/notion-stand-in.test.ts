import { APIResponseError, Client } from "@notionhq/client";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { goodNotionOAuthCode, type NotionStandIn, startNotionStandIn } from "../notion-server.ts";

let standIn: NotionStandIn;
let notion: Client;

beforeEach(async () => {
  standIn = await startNotionStandIn({ rowCap: 25 });
  notion = new Client({
    auth: standIn.token,
    baseUrl: standIn.url,
    retry: { maxRetries: 2, initialRetryDelayMs: 1, maxRetryDelayMs: 50 },
    logLevel: "error" as never,
  });
});
afterEach(() => standIn.close());

const apiHeaders = () => ({ authorization: `Bearer ${standIn.token}`, "notion-version": "2025-09-03" });

describe("Notion stand-in through the real @notionhq/client", () => {
  it("paginates search newest first and hides trashed pages", async () => {
    for (let index = 0; index < 5; index++) {
      standIn.setClock(`2026-01-0${index + 1}T00:00:00Z`);
      standIn.addPage({
        id: `0000000${index}-0000-4000-8000-000000000000`,
        title: `Page ${index}`,
        parent: { workspace: true },
        blocks: [],
      });
    }
    standIn.trashPage("00000002-0000-4000-8000-000000000000");
    const first = await notion.search({ filter: { property: "object", value: "page" }, page_size: 2 });
    expect(first.has_more).toBe(true);
    const second = await notion.search({
      filter: { property: "object", value: "page" },
      page_size: 2,
      start_cursor: first.next_cursor ?? "",
    });
    const ids = [...first.results, ...second.results].map((result) => result.id.slice(0, 8));
    expect(ids).toEqual(["00000004", "00000003", "00000001", "00000000"]);
    expect(second.has_more).toBe(false);
    const trashed = await notion.pages.retrieve({ page_id: "00000002-0000-4000-8000-000000000000" });
    expect("in_trash" in trashed && trashed.in_trash).toBe(true);
  });

  it("lists nested children page by page and follows a synced block reference (even in a cycle)", async () => {
    const items = Array.from({ length: 7 }, (_, index) => ({
      type: "bulleted_list_item" as const,
      text: `item ${index}`,
    }));
    const page = standIn.addPage({
      title: "Handbook",
      parent: { workspace: true },
      blocks: [
        { id: "toggle-1", type: "toggle", text: "More", children: items },
        {
          id: "synced-original",
          type: "synced_block",
          children: [
            { type: "paragraph", text: "shared" },
            { id: "synced-ref", type: "synced_block", synced_from: { block_id: "synced-original" } },
          ],
        },
        {
          type: "paragraph",
          text: [{ text: "Ask " }, { mention: { user: "u1" }, plain_text: "@Ana" }, { equation: "E=mc^2" }],
        },
        {
          type: "table",
          rows: [
            ["a", "b"],
            ["c", "d"],
          ],
        },
        { type: "ai_block" },
      ],
    });
    const top = await notion.blocks.children.list({ block_id: page.id });
    expect(top.results.map((block) => ("type" in block ? block.type : ""))).toEqual([
      "toggle",
      "synced_block",
      "paragraph",
      "table",
      "ai_block",
    ]);
    const paragraph = top.results[2];
    expect(
      paragraph &&
        "type" in paragraph &&
        paragraph.type === "paragraph" &&
        paragraph.paragraph.rich_text.map((item) => item.plain_text).join(""),
    ).toBe("Ask @AnaE=mc^2");
    const texts: string[] = [];
    let cursor: string | undefined;
    do {
      const list = await notion.blocks.children.list({
        block_id: "toggle-1",
        page_size: 3,
        ...(cursor ? { start_cursor: cursor } : {}),
      });
      for (const block of list.results)
        if ("type" in block && block.type === "bulleted_list_item")
          texts.push(block.bulleted_list_item.rich_text[0]?.plain_text ?? "");
      cursor = list.next_cursor ?? undefined;
    } while (cursor);
    expect(texts).toHaveLength(7);
    expect(standIn.blockFetchCount("toggle-1")).toBe(3);
    const viaReference = await notion.blocks.children.list({ block_id: "synced-ref" });
    const reference = viaReference.results[1];
    expect(
      reference &&
        "type" in reference &&
        reference.type === "synced_block" &&
        reference.synced_block.synced_from?.block_id,
    ).toBe("synced-original");
    expect(reference && "has_children" in reference && reference.has_children).toBe(true);
  });

  it("names a page's child pages by title as its children list them, without a request", async () => {
    const wiki = standIn.addPage({
      title: "Wiki",
      parent: { workspace: true },
      blocks: [
        { type: "paragraph", text: "Intro" },
        { type: "child_page", title: "Onboarding", blocks: [] },
        { type: "child_database", title: "Projects" },
        { type: "child_page", title: "Expenses", blocks: [] },
      ],
    });
    const nested = standIn.addPage({ title: "Parking", parent: { page_id: wiki.id } });
    const requests = standIn.countRequests();
    const children = standIn.childPageIds(wiki.id);
    expect(standIn.countRequests()).toBe(requests);

    const listed = await notion.blocks.children.list({ block_id: wiki.id });
    const pages = listed.results.flatMap((block) =>
      "type" in block && block.type === "child_page" ? [[block.child_page.title, block.id]] : [],
    );
    expect(children).toEqual(Object.fromEntries(pages));
    expect(Object.keys(children)).toEqual(["Onboarding", "Expenses", "Parking"]);
    expect(children.Parking).toBe(nested.id);
    standIn.trashPage(nested.id);
    expect(Object.keys(standIn.childPageIds(wiki.id))).toEqual(["Onboarding", "Expenses"]);
  });

  it("caps a data-source query and lets a created_time window reach the rest", async () => {
    const database = standIn.addDatabase({
      title: "Tasks",
      parent: { workspace: true },
      dataSources: [{ name: "Tasks", properties: { Name: "title", Done: "checkbox" } }],
    });
    const dataSourceId = database.dataSourceIds[0] ?? "";
    for (let index = 0; index < 40; index++) {
      standIn.addRow(dataSourceId, {
        title: `Task ${index}`,
        createdTime: new Date(Date.UTC(2026, 0, 1, 0, index)).toISOString(),
      });
    }
    const seen: string[] = [];
    let after: string | undefined;
    for (;;) {
      let cursor: string | undefined;
      let complete = true;
      let last: string | undefined;
      do {
        const page = await notion.dataSources.query({
          data_source_id: dataSourceId,
          page_size: 10,
          sorts: [{ timestamp: "created_time", direction: "ascending" }],
          ...(after ? { filter: { timestamp: "created_time", created_time: { after } } } : {}),
          ...(cursor ? { start_cursor: cursor } : {}),
        });
        for (const row of page.results) {
          seen.push(row.id);
          if ("created_time" in row) last = row.created_time;
        }
        complete = page.request_status?.type !== "incomplete";
        cursor = page.next_cursor ?? undefined;
      } while (cursor);
      if (complete) break;
      after = last;
    }
    expect(new Set(seen).size).toBe(40);
    const source = await notion.dataSources.retrieve({ data_source_id: dataSourceId });
    expect("properties" in source && source.properties.Done?.type).toBe("checkbox");
    const retrieved = await notion.databases.retrieve({ database_id: database.id });
    expect("data_sources" in retrieved && retrieved.data_sources[0]?.id).toBe(dataSourceId);
  });

  it("answers 404 object_not_found for an un-shared page and its subtree", async () => {
    const parent = standIn.addPage({
      title: "Secret",
      parent: { workspace: true },
      blocks: [{ id: "kid", type: "child_page", title: "Kid", blocks: [] }],
    });
    standIn.unshare(parent.id);
    await expect(notion.pages.retrieve({ page_id: "kid" })).rejects.toMatchObject({
      status: 404,
      code: "object_not_found",
    });
    expect((await notion.search({})).results).toHaveLength(0);
  });

  it("lets the client see 429 with Retry-After and retry it", async () => {
    standIn.addPage({ title: "A", parent: { workspace: true }, blocks: [] });
    standIn.failNext("/v1/search", { status: 429, retryAfter: 0 });
    const result = await notion.search({});
    expect(result.results).toHaveLength(1);
    expect(standIn.countRequests("/v1/search")).toBe(2);
    expect(standIn.requests[0]?.status).toBe(429);
    standIn.rateLimitStorm(5, 0);
    const error = await notion.search({}).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(APIResponseError);
    expect((error as APIResponseError).headers).toBeDefined();
    expect((error as APIResponseError).code).toBe("rate_limited");
  });

  it("answers 401 unauthorized once the token is revoked, and rotates OAuth tokens", async () => {
    const oauth = new Client({ baseUrl: standIn.url, retry: false });
    const granted = await oauth.oauth.token({
      grant_type: "authorization_code",
      code: goodNotionOAuthCode,
      client_id: "standin-client",
      client_secret: "standin-secret",
    });
    const refreshed = await oauth.oauth.token({
      grant_type: "refresh_token",
      refresh_token: granted.refresh_token ?? "",
      client_id: "standin-client",
      client_secret: "standin-secret",
    });
    expect(refreshed.refresh_token).not.toBe(granted.refresh_token);
    await expect(
      oauth.oauth.token({
        grant_type: "refresh_token",
        refresh_token: granted.refresh_token ?? "",
        client_id: "standin-client",
        client_secret: "standin-secret",
      }),
    ).rejects.toMatchObject({ status: 400, body: expect.stringContaining("invalid_grant") });
    const me = await new Client({ auth: refreshed.access_token, baseUrl: standIn.url }).users.me({});
    expect(me.type).toBe("bot");
    standIn.revokeToken();
    await expect(notion.users.me({})).rejects.toMatchObject({ status: 401, code: "unauthorized" });
  });
  it("drops the connection, answers 502 in HTML as a gateway would, and clears queued faults", async () => {
    standIn.failNext("/v1/users/me", { status: "reset" });
    await expect(fetch(`${standIn.url}/v1/users/me`, { headers: apiHeaders() })).rejects.toThrow(TypeError);
    standIn.failNext("/v1/users/me", { status: 502 });
    const gateway = await fetch(`${standIn.url}/v1/users/me`, { headers: apiHeaders() });
    expect(gateway.status).toBe(502);
    expect(gateway.headers.get("content-type")).toMatch(/text\/html/);
    standIn.failNext("/v1/users/me", { status: 504 }, 3);
    standIn.clearFaults();
    expect((await fetch(`${standIn.url}/v1/users/me`, { headers: apiHeaders() })).status).toBe(200);
    expect(standIn.requests.map((request) => request.status)).toEqual([0, 502, 200]);
  });

  it("moves a data source's last_edited_time only when it is edited", async () => {
    const database = standIn.addDatabase({
      title: "Tasks",
      parent: { workspace: true },
      dataSources: [{ name: "Tasks" }],
    });
    const dataSourceId = database.dataSourceIds[0] ?? "";
    standIn.setClock("2026-02-01T00:00:00Z");
    standIn.addRow(dataSourceId, { title: "Row" });
    const edited = async () => {
      const source = await notion.dataSources.retrieve({ data_source_id: dataSourceId });
      return "last_edited_time" in source ? source.last_edited_time : undefined;
    };
    expect(await edited()).toBe("2026-01-01T00:00:00.000Z");
    standIn.editDataSource(dataSourceId, { name: "Open tasks" });
    expect(await edited()).toBe("2026-02-01T00:00:00.000Z");
  });

  it("delays every answer by the latency set, and logs each request with its arrival time", async () => {
    standIn.setLatency(150);
    await notion.users.me({});
    const answered = Date.now();
    expect(answered - (standIn.requests[0]?.at ?? answered)).toBeGreaterThanOrEqual(150);
    standIn.setLatency(0);
  });
});
