import { LogLevel } from "@notionhq/client";
import { afterEach, describe, expect, it } from "vitest";
import { AppError, ErrorCode } from "#shared/errors/app-error.ts";
import { type NotionStandIn, startNotionStandIn } from "#test/stand-ins/notion-server.ts";
import { createNotionClient } from "../client/create-notion-client.ts";
import { notionRetryDefaults } from "../client/retry-notion-requests.ts";
import { crawlNotion } from "./crawl-notion.ts";
import { listNotionItems } from "./list-notion-items.ts";
import { readNotionPage } from "./read-notion-page.ts";

const ids = {
  handbook: "11111111-0000-4000-8000-000000000001",
  onboarding: "11111111-0000-4000-8000-000000000002",
  laptop: "11111111-0000-4000-8000-000000000003",
  original: "11111111-0000-4000-8000-000000000004",
  policies: "11111111-0000-4000-8000-000000000005",
};

let standIn: NotionStandIn | undefined;
afterEach(async () => {
  await standIn?.close();
  standIn = undefined;
});

async function start(rowCap?: number): Promise<NotionStandIn> {
  standIn = await startNotionStandIn(rowCap === undefined ? {} : { rowCap });
  return standIn;
}

function clientFor(notion: NotionStandIn, maxRetries = 3) {
  return createNotionClient({
    token: notion.token,
    baseUrl: notion.url,
    retry: { maxRetries, initialRetryDelayMs: 1, maxRetryDelayMs: 20 },
    logLevel: LogLevel.ERROR,
  });
}

/** A small wiki: nested child pages, a database with rows, a synced block, a table, an AI block. */
function addWiki(notion: NotionStandIn): { dataSourceId: string; rowIds: string[] } {
  notion.addPage({
    id: ids.handbook,
    title: "Handbook",
    parent: { workspace: true },
    blocks: [
      { type: "heading_1", text: "Welcome" },
      {
        id: ids.original,
        type: "synced_block",
        children: [{ type: "paragraph", text: "Shared footer text" }],
      },
      {
        type: "table",
        rows: [
          ["Tool", "Owner"],
          ["Slack", "IT"],
        ],
        hasColumnHeader: true,
      },
      { type: "ai_block" },
      {
        id: ids.onboarding,
        type: "child_page",
        title: "Onboarding",
        blocks: [
          { type: "paragraph", text: "First week checklist" },
          { type: "synced_block", synced_from: { block_id: ids.original } },
          {
            type: "toggle",
            text: "Equipment",
            children: [
              {
                id: ids.laptop,
                type: "child_page",
                title: "Laptop setup",
                blocks: [{ type: "paragraph", text: "Install the VPN" }],
              },
            ],
          },
        ],
      },
    ],
  });
  notion.addPage({
    id: ids.policies,
    title: "Policies",
    parent: { workspace: true },
    blocks: [{ type: "paragraph", text: "Be kind" }],
  });
  const database = notion.addDatabase({
    title: "Projects",
    parent: { page_id: ids.handbook },
    dataSources: [{ name: "Projects", properties: { Name: "title" } }],
  });
  const dataSourceId = database.dataSourceIds[0] ?? "";
  const rowIds = ["Apollo", "Gemini", "Mercury"].map(
    (title) =>
      notion.addRow(dataSourceId, { title, blocks: [{ type: "paragraph", text: `${title} notes` }] }).id,
  );
  return { dataSourceId, rowIds };
}

function byTitle(documents: { title: string }[]): string[] {
  return documents.map((document) => document.title).sort();
}

describe("crawlNotion against the Notion stand-in", () => {
  it("reads a realistic wiki into documents with Notion URLs, parents and Markdown", async () => {
    const notion = await start();
    const { dataSourceId, rowIds } = addWiki(notion);
    const crawl = await crawlNotion(clientFor(notion), { workspaceId: "acme" });
    expect(crawl.complete).toBe(true);
    expect(crawl.failed).toEqual([]);
    expect(byTitle(crawl.documents)).toEqual(
      ["Apollo", "Gemini", "Handbook", "Laptop setup", "Mercury", "Onboarding", "Policies"].sort(),
    );
    expect([...crawl.visiblePageIds].sort()).toEqual(
      crawl.documents.map((document) => document.externalId).sort(),
    );
    expect(crawl.stats.pages).toBe(7);
    expect(crawl.stats.blockFetches).toBe(notion.blockFetchCount());

    const handbook = crawl.documents.find((document) => document.title === "Handbook");
    expect(handbook).toMatchObject({ workspaceId: "acme", source: "notion", externalId: ids.handbook });
    expect(handbook?.url).toBe(`https://www.notion.so/Handbook-${ids.handbook.replaceAll("-", "")}`);
    expect(handbook?.content).toContain("# Welcome");
    expect(handbook?.content).toContain("Shared footer text");
    expect(handbook?.content).toContain("| Slack | IT |");
    expect(handbook?.content).toContain("Subpage: Onboarding");

    const onboarding = crawl.documents.find((document) => document.title === "Onboarding");
    expect(onboarding?.content).toContain("Shared footer text");
    expect(onboarding?.metadata).toMatchObject({ parentId: ids.handbook, childPages: [expect.any(String)] });

    const apollo = crawl.documents.find((document) => document.externalId === rowIds[0]);
    expect(apollo?.content).toBe("Name: Apollo\n\nApollo notes");
    expect(apollo?.metadata).toMatchObject({ dataSourceId });
    for (const document of crawl.documents) {
      expect(document.url).toMatch(/^https:\/\/www\.notion\.so\//);
      expect(document.updatedAt).toBeInstanceOf(Date);
    }
    // Each page's blocks are fetched once: the walk that reads a page also finds its children.
    expect(notion.blockFetchCount(ids.handbook)).toBe(1);
  });

  it("finds a page search does not return through its parent's blocks", async () => {
    const notion = await start();
    addWiki(notion);
    notion.hideFromSearch(ids.laptop);
    notion.hideFromSearch(ids.onboarding);
    const crawl = await crawlNotion(clientFor(notion), { workspaceId: "acme" });
    expect(byTitle(crawl.documents)).toContain("Laptop setup");
    expect(byTitle(crawl.documents)).toContain("Onboarding");
    const listing = await listNotionItems(clientFor(notion));
    expect(listing.complete).toBe(true);
    expect([...listing.pageIds]).toContain(ids.laptop);
    expect(listing.pageIds.size).toBe(7);
  });

  it("reads every row past the query cap by windowing on created_time", async () => {
    const notion = await start(5);
    const database = notion.addDatabase({
      title: "Tickets",
      parent: { workspace: true },
      dataSources: [{ name: "Tickets", properties: { Name: "title" } }],
    });
    const dataSourceId = database.dataSourceIds[0] ?? "";
    for (let index = 0; index < 13; index++) {
      // Pairs share a created time: the windows overlap on ties without duplicating rows.
      const minute = String(Math.floor(index / 2)).padStart(2, "0");
      notion.addRow(dataSourceId, {
        title: `Ticket ${index}`,
        createdTime: `2026-01-01T10:${minute}:00.000Z`,
      });
    }
    const crawl = await crawlNotion(clientFor(notion), { workspaceId: "acme" });
    expect(crawl.complete).toBe(true);
    expect(crawl.documents).toHaveLength(13);
    expect(new Set(crawl.documents.map((document) => document.externalId)).size).toBe(13);
    const windowed = notion.requests.filter(
      (request) => request.path.endsWith("/query") && JSON.stringify(request.body).includes("on_or_after"),
    );
    expect(windowed.length).toBeGreaterThan(0);
  });

  it("reports a page that answers 404 and indexes the others", async () => {
    const notion = await start();
    addWiki(notion);
    notion.failObject(ids.policies);
    const crawl = await crawlNotion(clientFor(notion), { workspaceId: "acme" });
    expect(byTitle(crawl.documents)).not.toContain("Policies");
    expect(crawl.documents).toHaveLength(6);
    expect(crawl.failed).toHaveLength(1);
    expect(crawl.failed[0]?.id).toBe(ids.policies);
    expect(crawl.failed[0]?.error).toMatchObject({ code: ErrorCode.NotFound, retryable: false });
    // A page that is gone is a definite answer: the listing stays complete.
    expect(crawl.complete).toBe(true);
  });

  it("rides out a 429 storm (Retry-After honoured by the SDK)", async () => {
    const notion = await start();
    addWiki(notion);
    notion.rateLimitStorm(6, 0);
    // The storm outlasts one request's retries only if it hits one request more than maxRetries times.
    const crawl = await crawlNotion(clientFor(notion, 8), { workspaceId: "acme" });
    expect(crawl.complete).toBe(true);
    expect(crawl.failed).toEqual([]);
    expect(crawl.documents).toHaveLength(7);
    expect(notion.countRequests()).toBeGreaterThan(6);
    expect(notion.requests.filter((request) => request.status === 429)).toHaveLength(6);
  });

  it("marks the listing incomplete when a listing call keeps failing", async () => {
    const notion = await start();
    addWiki(notion);
    // Reads are retried on 5xx a bounded number of times; this one outlasts them.
    notion.failNext("/v1/search", { status: 503 }, notionRetryDefaults.failureRetries + 1);
    const crawl = await crawlNotion(clientFor(notion), { workspaceId: "acme" });
    expect(crawl.complete).toBe(false);
    expect(crawl.failed[0]).toMatchObject({ id: "search", error: { retryable: true } });
  });

  it("throws a re-auth AppError on 401", async () => {
    const notion = await start();
    addWiki(notion);
    notion.revokeToken();
    const failure = await crawlNotion(clientFor(notion), { workspaceId: "acme" }).catch(
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(AppError);
    expect(failure).toMatchObject({ code: ErrorCode.InvalidConfig, retryable: false });
    expect((failure as AppError).hint).toMatch(/reconnect Notion/);
  });

  it("leaves out trashed and un-shared pages", async () => {
    const notion = await start();
    const { rowIds } = addWiki(notion);
    notion.trashPage(ids.policies);
    notion.trashPage(rowIds[1] ?? "");
    notion.unshare(ids.onboarding);
    const crawl = await crawlNotion(clientFor(notion), { workspaceId: "acme" });
    expect(byTitle(crawl.documents)).toEqual(["Apollo", "Handbook", "Mercury"]);
    expect(crawl.complete).toBe(true);
    const read = await readNotionPage(clientFor(notion), ids.policies, { workspaceId: "acme" });
    expect(read).toEqual({ kind: "gone", reason: "in the trash" });
    const unshared = await readNotionPage(clientFor(notion), ids.onboarding, { workspaceId: "acme" });
    expect(unshared).toMatchObject({ kind: "skipped", error: { code: ErrorCode.NotFound } });
  });
});
