import { type Client, isFullPage, type PageObjectResponse } from "@notionhq/client";
import type { AppError } from "#shared/errors/app-error.ts";
import type { SourceDocument } from "#shared/knowledge/document.ts";
import { isSkippableNotionError, toNotionError } from "../client/notion-error.ts";
import { blocksToMarkdown } from "../markdown/blocks-to-markdown.ts";
import { fetchBlockTree } from "../markdown/fetch-block-tree.ts";
import { pagePropertiesToText, pageTitle } from "../markdown/page-properties-to-text.ts";
import { listNotionBlockChildren } from "./list-notion-block-children.ts";

export const NOTION_SOURCE = "notion";

export type NotionPageRead =
  | {
      kind: "document";
      document: SourceDocument;
      /** Found in the page's blocks: their own documents and data sources. */
      childPages: string[];
      childDatabases: string[];
      blockFetches: number;
    }
  /** Trashed: not indexed, and its index entry may go. */
  | { kind: "gone"; reason: string }
  /** 404/403/400: deleted, not shared with the integration, or rejected — skipped, the crawl goes on. */
  | { kind: "skipped"; reason: string; error: AppError };

export interface ReadNotionPageOptions {
  workspaceId: string;
  /** The `source` documents are indexed under (the connection's); default "notion". */
  source?: string;
  /** The page object when search or a data-source query already returned it (saves a call). */
  page?: PageObjectResponse;
  /** Blocks read per page at most (default 10,000); the document is then marked truncated. */
  maxBlocks?: number;
}

/**
 * One Notion page as a SourceDocument: its properties (for database rows) and its blocks as
 * Markdown. Throws an AppError for a dead credential (401, re-auth) and for retryable failures.
 */
export async function readNotionPage(
  client: Client,
  pageId: string,
  options: ReadNotionPageOptions,
): Promise<NotionPageRead> {
  try {
    const page = options.page ?? (await retrievePage(client, pageId));
    if (page === undefined) return { kind: "gone", reason: "not a full page object" };
    if (page.in_trash || page.archived) return { kind: "gone", reason: "in the trash" };
    const tree = await fetchBlockTree(page.id, listNotionBlockChildren(client), {
      ...(options.maxBlocks === undefined ? {} : { maxBlocks: options.maxBlocks }),
    });
    const isRow = page.parent.type === "data_source_id" || page.parent.type === "database_id";
    const content = [isRow ? pagePropertiesToText(page.properties) : "", blocksToMarkdown(tree)]
      .filter((part) => part.trim() !== "")
      .join("\n\n");
    return {
      kind: "document",
      document: {
        workspaceId: options.workspaceId,
        source: options.source ?? NOTION_SOURCE,
        externalId: page.id,
        title: pageTitle(page),
        url: page.url,
        updatedAt: new Date(page.last_edited_time),
        content,
        metadata: {
          ...pageMetadata(page, tree.truncated),
          // Kept so a later full pass can list an unchanged page's children without reading it.
          childPages: tree.childPages,
          childDatabases: tree.childDatabases,
        },
      },
      childPages: tree.childPages,
      childDatabases: tree.childDatabases,
      blockFetches: tree.fetches,
    };
  } catch (thrown) {
    const error = toNotionError(thrown);
    if (isSkippableNotionError(error)) return { kind: "skipped", reason: error.message, error };
    throw error;
  }
}

async function retrievePage(client: Client, pageId: string): Promise<PageObjectResponse | undefined> {
  const page = await client.pages.retrieve({ page_id: pageId });
  return isFullPage(page) ? page : undefined;
}

function pageMetadata(page: PageObjectResponse, truncated: boolean): Record<string, unknown> {
  const metadata: Record<string, unknown> = {};
  const { parent } = page;
  if (parent.type === "page_id") metadata.parentId = parent.page_id;
  else if (parent.type === "block_id") metadata.parentId = parent.block_id;
  else if (parent.type === "database_id") metadata.parentId = parent.database_id;
  else if (parent.type === "data_source_id") {
    metadata.parentId = parent.database_id;
    metadata.dataSourceId = parent.data_source_id;
  }
  if (truncated) metadata.truncated = true;
  return metadata;
}
