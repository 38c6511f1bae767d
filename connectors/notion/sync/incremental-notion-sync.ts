import { type Client, isFullPage, type PageObjectResponse } from "@notionhq/client";
import {
  type IndexedSourceDocument,
  listIndexedSourceDocuments,
} from "#shared/db/source-connection-repository.ts";
import type { SourceDocument } from "#shared/knowledge/document.ts";
import { indexDocuments } from "#shared/knowledge/index-documents.ts";
import { isSkippableNotionError, toNotionError } from "../client/notion-error.ts";
import type { NotionCrawlFailure } from "../crawl/crawl-notion.ts";
import { notionIdKey } from "../crawl/notion-id-key.ts";
import { readNotionPage } from "../crawl/read-notion-page.ts";
import { deleteNotionDocuments } from "./delete-notion-documents.ts";
import type { NotionPassResult, NotionSyncDependencies } from "./notion-sync-types.ts";
import { searchRecentlyEdited } from "./search-recently-edited.ts";

/** Notion rounds last_edited_time to the minute, and search lags: look this far behind the cursor. */
export const incrementalOverlapMs = 30 * 60 * 1000;
const minuteMs = 60 * 1000;

export interface IncrementalNotionSyncOptions {
  workspaceId: string;
  /** The `source` the connection's documents are indexed under. */
  source: string;
  /** The newest last_edited_time the previous successful sync saw. */
  cursor: Date;
  /** When the previous sync started (our clock): an edit in the same minute as a read may be newer. */
  previousSyncAt: Date | null;
}

/**
 * Re-reads only pages edited since the cursor (minus the overlap) and newer than what the index
 * holds, and indexes them without deleting anything else. A changed page's child pages that are new
 * are read too; indexed children it no longer lists are looked up, and deleted when in the trash.
 * Un-shared pages (404) are left to the next full sync, which alone may delete on absence.
 */
export async function incrementalNotionSync(
  dependencies: NotionSyncDependencies,
  options: IncrementalNotionSyncOptions,
): Promise<NotionPassResult> {
  const { client, database, store, embedder, logger } = dependencies;
  const { workspaceId, source } = options;
  const indexed = await listIndexedSourceDocuments(database.db, workspaceId, source);
  const byKey = new Map(indexed.map((document) => [notionIdKey(document.externalId), document]));
  const recent = await searchRecentlyEdited(
    client,
    new Date(options.cursor.getTime() - incrementalOverlapMs),
  );
  const isStale = (page: PageObjectResponse): boolean =>
    isNewer(new Date(page.last_edited_time), byKey.get(notionIdKey(page.id)), options.previousSyncAt);

  const documents: SourceDocument[] = [];
  const goneIds: string[] = [];
  const failed: NotionCrawlFailure[] = [];
  const visited = new Set<string>();
  const queue: { id: string; page?: PageObjectResponse }[] = recent.pages
    .filter(isStale)
    .map((page) => ({ id: page.id, page }));
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
      const known = byKey.get(key);
      if (known) goneIds.push(known.id);
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
      if (page === "gone") goneIds.push(child.id);
      else if (page !== undefined && isStale(page)) queue.push({ id: page.id, page });
    }
  }

  const report = await indexDocuments(
    { database, store, embedder, logger },
    { workspaceId, source, documents, complete: false },
  );
  const deleted = await deleteNotionDocuments(database, store, workspaceId, goneIds);
  return {
    complete: failed.every((failure) => !failure.error.retryable),
    ...report,
    deleted,
    failed,
    cursor: recent.newest,
  };
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
