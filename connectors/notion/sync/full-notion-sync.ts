import { indexDocuments } from "#shared/knowledge/index-documents.ts";
import { crawlNotion } from "../crawl/crawl-notion.ts";
import type { NotionPassResult, NotionSyncDependencies, NotionSyncTarget } from "./notion-sync-types.ts";

/**
 * Lists and reads everything the integration can reach, indexes it, and — only when the listing was
 * complete — deletes what is no longer there (trashed, deleted, un-shared). Un-sharing has no event
 * and search never reports it: only this pass catches it.
 */
export async function fullNotionSync(
  dependencies: NotionSyncDependencies,
  target: NotionSyncTarget,
): Promise<NotionPassResult> {
  const { client, database, store, embedder, logger } = dependencies;
  const { workspaceId, source } = target;
  const crawl = await crawlNotion(client, { workspaceId, source });
  // A page unread for a reason that may pass (rate limit, outage) leaves the listing incomplete too.
  const complete = crawl.complete && crawl.failed.every((failure) => !failure.error.retryable);
  const report = await indexDocuments(
    { database, store, embedder, logger },
    { workspaceId, source, documents: crawl.documents, complete },
  );
  const times = crawl.documents.map((document) => document.updatedAt.getTime());
  return {
    complete,
    ...report,
    failed: crawl.failed,
    cursor: times.length === 0 ? null : new Date(Math.max(...times)),
  };
}
