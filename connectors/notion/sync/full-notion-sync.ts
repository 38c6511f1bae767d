import type { PageObjectResponse } from "@notionhq/client";
import {
  type IndexedSourceDocument,
  listIndexedSourceDocuments,
} from "#shared/db/source-connection-repository.ts";
import type { SourceDocument } from "#shared/knowledge/document.ts";
import { emptyIndexReport, indexDocuments } from "#shared/knowledge/index-documents.ts";
import { crawlNotion, type KnownChildren } from "../crawl/crawl-notion.ts";
import { notionIdKey } from "../crawl/notion-id-key.ts";
import { deleteNotionDocuments } from "./delete-notion-documents.ts";
import type { NotionPassResult, NotionSyncDependencies, NotionSyncTarget } from "./notion-sync-types.ts";

/** Pages read are indexed in batches this size, so a killed pass keeps what it had read. */
const indexBatch = 20;
const minuteMs = 60_000;

/**
 * Lists everything the integration can reach and indexes what changed; then — only when the listing
 * was complete — deletes what is no longer there (trashed, deleted, un-shared). Un-sharing has no
 * event and search never reports it: only this pass catches it. Pages the index holds as current are
 * listed from what was recorded when they were read, not read again, so a pass interrupted by a kill
 * resumes without re-reading what it had done.
 */
export async function fullNotionSync(
  dependencies: NotionSyncDependencies,
  target: NotionSyncTarget,
): Promise<NotionPassResult> {
  const { client, database, store, embedder, logger } = dependencies;
  const { workspaceId, source } = target;
  const indexed = await listIndexedSourceDocuments(database.db, workspaceId, source);
  const byKey = new Map(indexed.map((document) => [notionIdKey(document.externalId), document]));
  // The indexer's view of the same rows, kept current across batches (a big workspace has hundreds).
  const states = new Map(
    indexed.map(({ id, externalId, contentHash, chunkCount, updatedAt, metadata, access }) => [
      externalId,
      { id, contentHash, chunkCount, updatedAt, metadata, access },
    ]),
  );

  const report = { ...emptyIndexReport(), indexed: 0 };
  let newest: Date | null = null;
  const seeEdit = (edited: Date) => {
    if (newest === null || edited > newest) newest = edited;
  };
  const reportProgress = () =>
    dependencies.onProgress?.({ pages: report.documents + report.unchanged, embedded: report.embedded });
  let batch: SourceDocument[] = [];
  // Concurrent page visits hand documents over; writes happen one batch at a time.
  let writes = Promise.resolve();
  const flush = () => {
    const documents = batch;
    batch = [];
    writes = writes.then(async () => {
      if (documents.length === 0) return;
      const part = await indexDocuments(
        { database, store, embedder, logger },
        { workspaceId, source, documents, complete: false, states },
      );
      for (const key of ["documents", "chunks", "embedded", "unchanged", "pendingVectors"] as const)
        report[key] += part[key];
      report.indexed += part.documents - part.unchanged;
      reportProgress();
    });
    return writes;
  };

  const crawl = await crawlNotion(client, {
    workspaceId,
    source,
    knownCurrent: (page) => {
      seeEdit(new Date(page.last_edited_time));
      const known = knownChildren(page, byKey.get(notionIdKey(page.id)));
      if (known) {
        report.unchanged += 1;
        reportProgress();
      }
      return known;
    },
    onDocument: async (document) => {
      seeEdit(document.updatedAt);
      batch.push(document);
      if (batch.length >= indexBatch) await flush();
    },
  });
  await flush();

  // A page unread for a reason that may pass (rate limit, outage) leaves the listing incomplete too.
  const complete = crawl.complete && crawl.failed.every((failure) => !failure.error.retryable);
  if (complete) {
    const visible = new Set([...crawl.visiblePageIds].map(notionIdKey));
    const gone = indexed.filter((document) => !visible.has(notionIdKey(document.externalId)));
    report.deleted = await deleteNotionDocuments(
      database,
      store,
      workspaceId,
      gone.map((document) => document.id),
    );
  }
  return { complete, ...report, failed: crawl.failed, cursor: newest };
}

/**
 * The recorded children of a page whose indexed copy is current: same last-edited minute, and read
 * after that minute was over (Notion rounds edit times to the minute, so a read within the same
 * minute may predate an edit).
 */
function knownChildren(
  page: PageObjectResponse,
  indexed: IndexedSourceDocument | undefined,
): KnownChildren | undefined {
  if (!indexed) return undefined;
  const edited = new Date(page.last_edited_time).getTime();
  if (edited !== indexed.updatedAt.getTime() || indexed.indexedAt.getTime() < edited + minuteMs)
    return undefined;
  const { childPages, childDatabases } = indexed.metadata;
  if (!isStringArray(childPages) || !isStringArray(childDatabases)) return undefined;
  return { childPages, childDatabases };
}

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === "string");
}
