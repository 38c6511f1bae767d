import type { SourceSyncContext } from "#connectors/sources/source-connector.ts";
import type { DocumentState } from "#shared/db/document-repository.ts";
import { getDocumentStates } from "#shared/db/document-repository.ts";
import type { SourceDocument } from "#shared/knowledge/document.ts";
import { indexDocuments } from "#shared/knowledge/index-documents.ts";
import type { DriveSyncTarget } from "./drive-document.ts";

/** Documents read are indexed in batches this size, so a killed pass keeps what it had read. */
const batchSize = 20;

export interface DriveIndexCounts {
  documents: number;
  indexed: number;
  chunks: number;
  embedded: number;
  unchanged: number;
  pendingVectors: number;
}

/**
 * Collects read documents and indexes them a batch at a time, one batch after another (concurrent
 * reads hand documents over), with the source's states read once and kept current. Counts what
 * was written, found unchanged (read or not) and embedded, and reports progress.
 */
export class DriveIndexBatches {
  readonly counts: DriveIndexCounts = {
    documents: 0,
    indexed: 0,
    chunks: 0,
    embedded: 0,
    unchanged: 0,
    pendingVectors: 0,
  };
  private batch: SourceDocument[] = [];
  private writes: Promise<void> = Promise.resolve();
  private states: Promise<Map<string, DocumentState>> | undefined;

  private readonly context: SourceSyncContext;
  private readonly target: DriveSyncTarget;

  constructor(context: SourceSyncContext, target: DriveSyncTarget) {
    this.context = context;
    this.target = target;
  }

  countUnchanged(): void {
    this.counts.unchanged += 1;
    this.progress();
  }

  async add(document: SourceDocument): Promise<void> {
    this.batch.push(document);
    if (this.batch.length >= batchSize) await this.flush();
  }

  flush(): Promise<void> {
    const documents = this.batch;
    this.batch = [];
    this.writes = this.writes.then(() => this.write(documents));
    return this.writes;
  }

  private async write(documents: SourceDocument[]): Promise<void> {
    if (documents.length === 0) return;
    const { database, store, embedder, logger } = this.context;
    this.states ??= getDocumentStates(database.db, this.target.workspaceId, this.target.source);
    const part = await indexDocuments(
      { database, store, embedder, logger },
      { ...this.target, documents, complete: false, states: await this.states },
    );
    this.counts.documents += part.documents;
    this.counts.indexed += part.documents - part.unchanged;
    this.counts.chunks += part.chunks;
    this.counts.embedded += part.embedded;
    this.counts.unchanged += part.unchanged;
    this.counts.pendingVectors += part.pendingVectors;
    this.progress();
  }

  private progress(): void {
    this.context.onProgress?.({
      pages: this.counts.documents + this.counts.unchanged,
      embedded: this.counts.embedded,
    });
  }
}
