import type { Client } from "@notionhq/client";
import type { AppError } from "#shared/errors/app-error.ts";
import type { SourceDocument } from "#shared/knowledge/document.ts";
import { listNotionItems } from "./list-notion-items.ts";
import { readNotionPage } from "./read-notion-page.ts";

export interface CrawlNotionOptions {
  workspaceId: string;
  /** The `source` documents are indexed under (the connection's); default "notion". */
  source?: string;
  /** Called as each document is read (awaited), so indexing can start before the crawl ends. */
  onDocument?: (document: SourceDocument) => Promise<void> | void;
  /** Pages, databases and data sources handled at once (default 2). */
  concurrency?: number;
}

export interface NotionCrawlFailure {
  id: string;
  error: AppError;
}

export interface NotionCrawl {
  documents: SourceDocument[];
  /** Pages skipped as gone or unreadable (not_found / invalid_input), and listing calls that failed (retryable). */
  failed: NotionCrawlFailure[];
  /** True when every listing call succeeded: only then may documents missing from it be deleted. */
  complete: boolean;
  stats: { blockFetches: number; pages: number };
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
    stats: { blockFetches: 0, pages: 0 },
  };
  const listing = await listNotionItems(client, {
    ...(options.concurrency === undefined ? {} : { concurrency: options.concurrency }),
    visitPage: async (pageId, page) => {
      const read = await readNotionPage(client, pageId, {
        workspaceId: options.workspaceId,
        ...(options.source === undefined ? {} : { source: options.source }),
        ...(page === undefined ? {} : { page }),
      });
      if (read.kind === "skipped") crawl.failed.push({ id: pageId, error: read.error });
      if (read.kind !== "document") return { found: false, childPages: [], childDatabases: [] };
      crawl.stats.blockFetches += read.blockFetches;
      crawl.stats.pages += 1;
      crawl.documents.push(read.document);
      await options.onDocument?.(read.document);
      return { found: true, childPages: read.childPages, childDatabases: read.childDatabases };
    },
  });
  crawl.failed.push(...listing.failures);
  crawl.complete = listing.complete;
  return crawl;
}
