import { type Client, isFullPage, type PageObjectResponse } from "@notionhq/client";
import type { AppError } from "#shared/errors/app-error.ts";
import type { SourceDocument } from "#shared/knowledge/document.ts";
import { isSkippableNotionError, toNotionError } from "../client/notion-error.ts";
import { listNotionItems, type NotionPageVisit } from "./list-notion-items.ts";
import { readNotionPage } from "./read-notion-page.ts";

/** An unchanged page's children, as recorded when it was last read. */
export interface KnownChildren {
  childPages: string[];
  childDatabases: string[];
}

export interface CrawlNotionOptions {
  workspaceId: string;
  /** The `source` documents are indexed under (the connection's); default "notion". */
  source?: string;
  /** Called as each document is read (awaited), so indexing can start before the crawl ends. */
  onDocument?: (document: SourceDocument) => Promise<void> | void;
  /**
   * When it returns the children of a page the index already holds as current, the page's blocks are
   * not read again: a full pass then costs listing calls only, and a pass that was killed resumes
   * without re-reading what it had already indexed.
   */
  knownCurrent?: (page: PageObjectResponse) => KnownChildren | undefined;
  /** Pages, databases and data sources handled at once (default 2). */
  concurrency?: number;
}

export interface NotionCrawlFailure {
  id: string;
  error: AppError;
}

export interface NotionCrawl {
  /** Documents read, kept only when no `onDocument` takes them (so a big crawl holds none). */
  documents: SourceDocument[];
  /** Pages skipped as gone or unreadable (not_found / invalid_input), and listing calls that failed (retryable). */
  failed: NotionCrawlFailure[];
  /** True when every listing call succeeded: only then may documents missing from it be deleted. */
  complete: boolean;
  /** Every page found and still visible (read or known current): what a complete pass keeps. */
  visiblePageIds: Set<string>;
  stats: { blockFetches: number; pages: number; unchanged: number };
}

/**
 * Reads every page the integration can reach into SourceDocuments, each page's block tree fetched
 * once (the same walk finds its child pages and databases). A 401 throws an AppError whose hint says
 * to reconnect Notion; one bad page never stops the rest.
 */
export async function crawlNotion(client: Client, options: CrawlNotionOptions): Promise<NotionCrawl> {
  const crawl: NotionCrawl = {
    documents: [],
    failed: [],
    complete: true,
    visiblePageIds: new Set(),
    stats: { blockFetches: 0, pages: 0, unchanged: 0 },
  };
  const notFound: NotionPageVisit = { found: false, childPages: [], childDatabases: [] };
  const listing = await listNotionItems(client, {
    ...(options.concurrency === undefined ? {} : { concurrency: options.concurrency }),
    visitPage: async (pageId, listed) => {
      let page = listed;
      if (options.knownCurrent) {
        // One call tells whether the page moved on since it was read; reading its blocks may take many.
        const retrieved = page ?? (await retrievePage(client, pageId));
        if (retrieved === "gone") return notFound;
        if (typeof retrieved === "object" && "error" in retrieved) {
          crawl.failed.push({ id: pageId, error: retrieved.error });
          return notFound;
        }
        page = retrieved;
        const known = options.knownCurrent(page);
        if (known) {
          crawl.stats.unchanged += 1;
          return { found: true, ...known };
        }
      }
      const read = await readNotionPage(client, pageId, {
        workspaceId: options.workspaceId,
        ...(options.source === undefined ? {} : { source: options.source }),
        ...(page === undefined ? {} : { page }),
      });
      if (read.kind === "skipped") crawl.failed.push({ id: pageId, error: read.error });
      if (read.kind !== "document") return notFound;
      crawl.stats.blockFetches += read.blockFetches;
      crawl.stats.pages += 1;
      if (options.onDocument) await options.onDocument(read.document);
      else crawl.documents.push(read.document);
      return { found: true, childPages: read.childPages, childDatabases: read.childDatabases };
    },
  });
  crawl.failed.push(...listing.failures);
  crawl.complete = listing.complete;
  crawl.visiblePageIds = listing.pageIds;
  return crawl;
}

/** The page object, "gone" when trashed, or the skippable error (404/403/400); throws otherwise. */
async function retrievePage(
  client: Client,
  pageId: string,
): Promise<PageObjectResponse | "gone" | { error: AppError }> {
  try {
    const page = await client.pages.retrieve({ page_id: pageId });
    if (!isFullPage(page) || page.in_trash || page.archived) return "gone";
    return page;
  } catch (thrown) {
    const error = toNotionError(thrown);
    if (isSkippableNotionError(error)) return { error };
    throw error;
  }
}
