import { type Client, isFullPage, type PageObjectResponse } from "@notionhq/client";
import {
  type IndexedSourceDocument,
  listIndexedSourceDocuments,
} from "#shared/db/source-connection-repository.ts";
import type { SourceDocument } from "#shared/knowledge/document.ts";
import { indexDocuments } from "#shared/knowledge/index-documents.ts";
import type { Logger } from "#shared/log/logger.ts";
import { isSkippableNotionError, needsNotionReauth, toNotionError } from "../client/notion-error.ts";
import type { NotionCrawlFailure } from "../crawl/crawl-notion.ts";
import { notionIdKey } from "../crawl/notion-id-key.ts";
import { queryDataSourceRows } from "../crawl/query-data-source-rows.ts";
import { readNotionPage } from "../crawl/read-notion-page.ts";
import { deleteNotionDocuments } from "./delete-notion-documents.ts";
import type { NotionPassResult, NotionSyncDependencies } from "./notion-sync-types.ts";
import { type RecentlyEditedDataSource, searchRecentlyEdited } from "./search-recently-edited.ts";

/** Notion rounds last_edited_time to the minute, and search lags: look this far behind the cursor. */
export const incrementalOverlapMs = 30 * 60 * 1000;
const minuteMs = 60 * 1000;

/**
 * The calls an incremental sync may spend finding out what changed when nothing did: the search,
 * then trash checks with whatever is left (see `checkForTrash`).
 */
export const noChangeCallBudget = 3;

export interface IncrementalNotionSyncOptions {
  workspaceId: string;
  /** The `source` the connection's documents are indexed under. */
  source: string;
  /** The newest last_edited_time the previous successful sync saw. */
  cursor: Date;
  /** When the previous sync started (our clock): an edit in the same minute as a read may be newer. */
  previousSyncAt: Date | null;
  /** Picks which indexed pages the trash check looks at (default Math.random). */
  random?: () => number;
  /**
   * Pages a webhook named: looked up directly, because search may not show an edit for a while.
   * A trashed one is removed; a changed one is read.
   */
  pageIds?: readonly string[];
}

interface Task {
  id: string;
  page?: PageObjectResponse;
}

/**
 * Re-reads only pages edited since the cursor (minus the overlap) and newer than what the index
 * holds, and indexes them without deleting anything else. Found through search, and through the
 * rows of data sources search shows as edited (search misses rows). A changed page's child pages
 * that are new are read too; indexed children it no longer lists are looked up, and deleted (with
 * what the index holds under them) when in the trash. Un-shared pages (404) are left to the next
 * full sync, which alone may delete on absence.
 *
 * Trashed top-level pages: search hides them and no parent's edit reveals them, so nothing short of
 * a call per page can tell. Each run looks up a few indexed pages no indexed parent covers (top-level
 * pages first, picked at random), as many as fit in `noChangeCallBudget` after the search and the
 * row queries — two when nothing changed, so that run still costs at most 3 calls and no block
 * fetch. With a 15-minute schedule a workspace of N top-level pages is checked every ~N/2 runs on
 * average; the daily full pass remains the guarantee, and rows or pages nested under a block wait for it.
 */
export async function incrementalNotionSync(
  dependencies: NotionSyncDependencies,
  options: IncrementalNotionSyncOptions,
): Promise<NotionPassResult> {
  const { client, database, store, embedder, logger } = dependencies;
  const { workspaceId, source } = options;
  const indexed = await listIndexedSourceDocuments(database.db, workspaceId, source);
  const byKey = new Map(indexed.map((document) => [notionIdKey(document.externalId), document]));
  const since = new Date(options.cursor.getTime() - incrementalOverlapMs);
  const recent = await searchRecentlyEdited(client, since);
  const isStale = (page: PageObjectResponse): boolean =>
    isNewer(new Date(page.last_edited_time), byKey.get(notionIdKey(page.id)), options.previousSyncAt);

  const documents: SourceDocument[] = [];
  const goneKeys = new Set<string>();
  const failed: NotionCrawlFailure[] = [];
  const visited = new Set<string>();
  const queue: Task[] = recent.pages.filter(isStale).map((page) => ({ id: page.id, page }));

  let calls = recent.calls;
  for (const dataSource of recent.dataSources.filter((edited) => mayHaveUnseenRows(edited, options))) {
    try {
      calls += await queryDataSourceRows(
        client,
        dataSource.id,
        (rows) => {
          for (const row of rows) if (!row.in_trash && isStale(row)) queue.push({ id: row.id, page: row });
        },
        { editedSince: since },
      );
    } catch (thrown) {
      const error = toNotionError(thrown);
      if (needsNotionReauth(error)) throw error;
      failed.push({ id: dataSource.id, error });
    }
  }

  const queued = new Set(queue.map((task) => notionIdKey(task.id)));
  for (const pageId of options.pageIds ?? []) {
    if (queued.has(notionIdKey(pageId))) continue;
    const page = await checkForTrash(client, pageId, logger);
    if (page === "gone") goneKeys.add(notionIdKey(pageId));
    else if (page !== undefined && isStale(page)) queue.push({ id: page.id, page });
  }

  const seenInSearch = new Set(recent.pages.map((page) => notionIdKey(page.id)));
  const candidates = indexed.filter(
    (document) =>
      !seenInSearch.has(notionIdKey(document.externalId)) &&
      (document.parentId === undefined || !byKey.has(notionIdKey(document.parentId))),
  );
  const checks = pickForTrashCheck(candidates, noChangeCallBudget - calls, options.random ?? Math.random);
  for (const document of checks) {
    const page = await checkForTrash(client, document.externalId, logger);
    if (page === "gone") goneKeys.add(notionIdKey(document.externalId));
    else if (page !== undefined && isStale(page)) queue.push({ id: page.id, page });
  }

  for (let task = queue.shift(); task !== undefined; task = queue.shift()) {
    const key = notionIdKey(task.id);
    if (visited.has(key)) continue;
    visited.add(key);
    const read = await readNotionPage(client, task.id, {
      workspaceId,
      source,
      ...(task.page === undefined ? {} : { page: task.page }),
    });
    if (read.kind === "gone") {
      goneKeys.add(key);
      continue;
    }
    if (read.kind === "skipped") {
      failed.push({ id: task.id, error: read.error });
      continue;
    }
    documents.push(read.document);
    const listed = new Set(read.childPages.map(notionIdKey));
    for (const childId of read.childPages) {
      if (!byKey.has(notionIdKey(childId))) queue.push({ id: childId });
    }
    for (const child of childrenOf(indexed, key)) {
      if (listed.has(notionIdKey(child.externalId))) continue;
      const page = await retrieveUnlisted(client, child.externalId);
      if (page === "gone") goneKeys.add(notionIdKey(child.externalId));
      else if (page !== undefined && isStale(page)) queue.push({ id: page.id, page });
    }
  }

  const report = await indexDocuments(
    { database, store, embedder, logger },
    {
      workspaceId,
      source,
      documents,
      complete: false,
      ...(dependencies.onProgress === undefined
        ? {}
        : { onProgress: ({ done, embedded }) => dependencies.onProgress?.({ pages: done, embedded }) }),
    },
  );
  const read = new Set(documents.map((document) => notionIdKey(document.externalId)));
  const gone = withIndexedDescendants(indexed, goneKeys).filter(
    (document) => !read.has(notionIdKey(document.externalId)),
  );
  const deleted = await deleteNotionDocuments(
    database,
    store,
    workspaceId,
    gone.map((document) => document.id),
  );
  return {
    complete: failed.every((failure) => !failure.error.retryable),
    ...report,
    indexed: report.documents - report.unchanged,
    deleted,
    failed,
    cursor: recent.newest,
  };
}

/**
 * Whether a data source search shows as edited may hold row edits this sync has not read: edited
 * after the cursor (no successful sync saw it), or so close before the previous sync started that
 * search may not have shown it to that sync yet (the same overlap the page search allows).
 */
function mayHaveUnseenRows(
  dataSource: RecentlyEditedDataSource,
  options: Pick<IncrementalNotionSyncOptions, "cursor" | "previousSyncAt">,
): boolean {
  const edited = dataSource.lastEditedTime.getTime();
  if (edited > options.cursor.getTime() || options.previousSyncAt === null) return true;
  return options.previousSyncAt.getTime() < edited + incrementalOverlapMs;
}

/**
 * Whether Notion's copy may be newer than the indexed one. Equal minute-rounded times are ambiguous
 * unless the previous sync started after that minute was over.
 */
function isNewer(
  edited: Date,
  indexed: IndexedSourceDocument | undefined,
  previousSyncAt: Date | null,
): boolean {
  if (!indexed) return true;
  if (edited > indexed.updatedAt) return true;
  if (edited < indexed.updatedAt) return false;
  return previousSyncAt === null || previousSyncAt.getTime() < edited.getTime() + minuteMs;
}

function childrenOf(indexed: IndexedSourceDocument[], parentKey: string): IndexedSourceDocument[] {
  return indexed.filter((document) => document.parentId && notionIdKey(document.parentId) === parentKey);
}

/** The documents named by `keys` and everything the index holds under them (by recorded parent). */
function withIndexedDescendants(
  indexed: IndexedSourceDocument[],
  keys: ReadonlySet<string>,
): IndexedSourceDocument[] {
  const found = new Set(keys);
  for (let grew = true; grew; ) {
    grew = false;
    for (const document of indexed) {
      const key = notionIdKey(document.externalId);
      if (found.has(key) || document.parentId === undefined) continue;
      if (found.has(notionIdKey(document.parentId))) {
        found.add(key);
        grew = true;
      }
    }
  }
  return indexed.filter((document) => found.has(notionIdKey(document.externalId)));
}

/** Up to `count` candidates, top-level pages (no parent recorded) first, picked at random within each tier. */
function pickForTrashCheck(
  candidates: IndexedSourceDocument[],
  count: number,
  random: () => number,
): IndexedSourceDocument[] {
  if (count <= 0) return [];
  const topLevel = candidates.filter((document) => document.parentId === undefined);
  const others = candidates.filter((document) => document.parentId !== undefined);
  return [...shuffled(topLevel, random), ...shuffled(others, random)].slice(0, count);
}

function shuffled<T>(items: T[], random: () => number): T[] {
  const copy = [...items];
  for (let index = copy.length - 1; index > 0; index -= 1) {
    const other = Math.floor(random() * (index + 1));
    [copy[index], copy[other]] = [copy[other] as T, copy[index] as T];
  }
  return copy;
}

/**
 * One indexed page looked up for the trash: "gone" when trashed, the page otherwise (it may carry an
 * edit search has not shown yet). A check teaches nothing when it fails, so a failure is logged and
 * skipped — a dead credential excepted; a 404 (deleted or un-shared) is left to the full pass.
 */
async function checkForTrash(
  client: Client,
  pageId: string,
  logger: Logger,
): Promise<PageObjectResponse | "gone" | undefined> {
  try {
    return await retrieveUnlisted(client, pageId);
  } catch (thrown) {
    const error = toNotionError(thrown);
    if (needsNotionReauth(error)) throw error;
    logger.warn({ pageId, err: error.message }, "Notion trash check failed; the next sync tries another");
    return undefined;
  }
}

/** A page its parent stopped listing: trashed ("gone"), moved (the page), or unreachable (undefined). */
async function retrieveUnlisted(
  client: Client,
  pageId: string,
): Promise<PageObjectResponse | "gone" | undefined> {
  try {
    const page = await client.pages.retrieve({ page_id: pageId });
    if (!isFullPage(page)) return undefined;
    return page.in_trash || page.archived ? "gone" : page;
  } catch (thrown) {
    const error = toNotionError(thrown);
    if (isSkippableNotionError(error)) return undefined;
    throw error;
  }
}
