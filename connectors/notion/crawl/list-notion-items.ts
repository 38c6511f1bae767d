import { type Client, isFullDatabase, type PageObjectResponse } from "@notionhq/client";
import type { AppError } from "#shared/errors/app-error.ts";
import { isSkippableNotionError, needsNotionReauth, toNotionError } from "../client/notion-error.ts";
import { fetchBlockTree } from "../markdown/fetch-block-tree.ts";
import { drainWorkQueue } from "./drain-work-queue.ts";
import { listNotionBlockChildren } from "./list-notion-block-children.ts";
import { notionIdKey } from "./notion-id-key.ts";
import { queryDataSourceRows } from "./query-data-source-rows.ts";
import { searchNotion } from "./search-notion.ts";

/** What visiting one page found: whether it exists for us, and the pages and databases inside it. */
export interface NotionPageVisit {
  found: boolean;
  childPages: string[];
  childDatabases: string[];
}

/**
 * Visits one page (`page` when search or a query already returned it). Returns `found: false` for a
 * page that is gone; throws for anything else (a retryable error makes the listing incomplete).
 */
export type VisitNotionPage = (
  pageId: string,
  page: PageObjectResponse | undefined,
) => Promise<NotionPageVisit>;

export interface ListNotionItemsOptions {
  /** Default: walk the page's block tree only for its child pages and databases. */
  visitPage?: VisitNotionPage;
  /** Pages, databases and data sources handled at once (default 2: Notion allows ~3 requests/s). */
  concurrency?: number;
}

export interface NotionListingFailure {
  /** The page, database or data source id, or "search". */
  id: string;
  error: AppError;
}

export interface NotionListing {
  /** Every page reachable: found by search, in a block tree, or as a data-source row. */
  pageIds: Set<string>;
  dataSourceIds: Set<string>;
  /** False when any listing call failed: ids may be missing, so nothing may be deleted for them. */
  complete: boolean;
  failures: NotionListingFailure[];
}

type Task =
  | { kind: "search" }
  | { kind: "page"; id: string; page?: PageObjectResponse }
  | { kind: "database"; id: string }
  | { kind: "dataSource"; id: string };

/**
 * Lists everything the integration can read: `search` (pages and data sources), then child pages and
 * child databases found in every page's blocks (search misses pages), and every row of every data
 * source (windowed past the 10,000-row cap). A 401 throws (the connection needs re-auth); gone
 * objects are left out; other failures are recorded and make the listing incomplete.
 */
export async function listNotionItems(
  client: Client,
  options: ListNotionItemsOptions = {},
): Promise<NotionListing> {
  const visitPage = options.visitPage ?? treeVisitor(client);
  const listing: NotionListing = {
    pageIds: new Set(),
    dataSourceIds: new Set(),
    complete: true,
    failures: [],
  };
  const queued = new Set<string>();
  const queue: Task[] = [{ kind: "search" }];
  const enqueue = (task: Exclude<Task, { kind: "search" }>): void => {
    const key = `${task.kind}:${notionIdKey(task.id)}`;
    if (queued.has(key)) return;
    queued.add(key);
    queue.push(task);
  };
  const enqueuePage = (page: PageObjectResponse): void => {
    if (page.in_trash || page.archived) return;
    enqueue({ kind: "page", id: page.id, page });
  };

  const run = async (task: Task): Promise<void> => {
    if (task.kind === "search") {
      await searchNotion(client, (hits) => {
        for (const page of hits.pages) enqueuePage(page);
        for (const id of hits.dataSourceIds) enqueue({ kind: "dataSource", id });
      });
    } else if (task.kind === "page") {
      const visit = await visitPage(task.id, task.page);
      if (!visit.found) return;
      listing.pageIds.add(task.id);
      for (const id of visit.childPages) enqueue({ kind: "page", id });
      for (const id of visit.childDatabases) enqueue({ kind: "database", id });
    } else if (task.kind === "database") {
      const database = await client.databases.retrieve({ database_id: task.id });
      if (!isFullDatabase(database) || database.in_trash) return;
      for (const source of database.data_sources) enqueue({ kind: "dataSource", id: source.id });
    } else {
      listing.dataSourceIds.add(task.id);
      await queryDataSourceRows(client, task.id, (rows) => {
        for (const row of rows) enqueuePage(row);
      });
    }
  };

  await drainWorkQueue(queue, options.concurrency ?? 2, async (task) => {
    try {
      await run(task);
    } catch (thrown) {
      const error = toNotionError(thrown);
      if (needsNotionReauth(error)) throw error;
      const id = task.kind === "search" ? "search" : task.id;
      if (task.kind === "page" && !isSkippableNotionError(error)) listing.pageIds.add(task.id);
      if (isSkippableNotionError(error) && task.kind !== "search") return;
      listing.complete = false;
      listing.failures.push({ id, error });
    }
  });
  return listing;
}

/** The listing-only visit: the block tree, for the child pages and databases in it. */
function treeVisitor(client: Client): VisitNotionPage {
  const listChildren = listNotionBlockChildren(client);
  return async (pageId) => {
    const tree = await fetchBlockTree(pageId, listChildren);
    return { found: true, childPages: tree.childPages, childDatabases: tree.childDatabases };
  };
}
