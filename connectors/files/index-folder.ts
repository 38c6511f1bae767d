import { sep } from "node:path";
import type { Database } from "#shared/db/database.ts";
import { deleteDocuments } from "#shared/db/document-repository.ts";
import { listIndexedSourceDocuments } from "#shared/db/source-connection-repository.ts";
import type { Embedder } from "#shared/knowledge/embed/embedder.ts";
import { type IndexReport, indexDocuments } from "#shared/knowledge/index-documents.ts";
import type { VectorStore } from "#shared/knowledge/store/vector-store.ts";
import type { Logger } from "#shared/log/logger.ts";
import type { FolderSettings } from "./folder-settings.ts";
import type { OnIngestProgress } from "./ingest-progress.ts";
import { parseBaseUrl } from "./published-url.ts";
import {
  FILES_SOURCE,
  type FolderRead,
  type ReadFolderOptions,
  readFolderDocuments,
} from "./read-folder-documents.ts";

export interface IndexFolderDependencies {
  database: Database;
  store: VectorStore;
  embedder: Embedder | null;
  logger: Logger;
  /** Tests: read failures root cannot produce. */
  readBytes?: ReadFolderOptions["readBytes"];
  onProgress?: OnIngestProgress;
}

/** Reads a folder connection's files as its settings say (citation prefix, published site). */
export function readFolder(
  dependencies: IndexFolderDependencies,
  workspaceId: string,
  settings: FolderSettings,
): Promise<FolderRead> {
  const { onProgress } = dependencies;
  return readFolderDocuments(settings.path, {
    workspaceId,
    pathPrefix: settings.name,
    ...(settings.baseUrl ? { baseUrl: parseBaseUrl(settings.baseUrl) } : {}),
    ...(dependencies.readBytes ? { readBytes: dependencies.readBytes } : {}),
    ...(onProgress ? { onProgress: ({ done, total }) => onProgress({ phase: "reading", done, total }) } : {}),
  });
}

/**
 * Indexes what was read under the connection's `source` as a complete listing: a file that could not
 * be read keeps its last good version; only files really gone are deleted. Copies indexed before
 * folders were connections are removed (see removeLegacyCopies).
 */
export async function indexFolder(
  dependencies: IndexFolderDependencies,
  target: { workspaceId: string; source: string; root: string; folder: FolderRead },
): Promise<{ report: IndexReport; legacyRemoved: number }> {
  const { database, onProgress } = dependencies;
  const { workspaceId, source, folder } = target;
  const report = await indexDocuments(
    { database, store: dependencies.store, embedder: dependencies.embedder, logger: dependencies.logger },
    {
      workspaceId,
      source,
      documents: folder.documents.map((document) => ({ ...document, source })),
      complete: true,
      keep: folder.failed.map((failure) => failure.path),
      ...(onProgress
        ? {
            onProgress: ({ done, embedded }) =>
              onProgress({ phase: "indexing", done, total: folder.documents.length, embedded }),
          }
        : {}),
    },
  );
  const legacyRemoved = await removeLegacyCopies(dependencies, workspaceId, target.root);
  return { report, legacyRemoved };
}

/**
 * Before folders were connections, a folder's documents were indexed under source "files" keyed by
 * absolute path. Once the folder is indexed as a connection, those copies would answer twice: they
 * are removed (chunks, then ledger rows). Their vectors are not carried over, as every id changed:
 * the first ingest after the upgrade embeds the folder once more. Copies of folders that no longer
 * exist at their old path cannot be told apart from a folder not ingested yet, and are left alone.
 */
async function removeLegacyCopies(
  dependencies: IndexFolderDependencies,
  workspaceId: string,
  root: string,
): Promise<number> {
  const legacy = (
    await listIndexedSourceDocuments(dependencies.database.db, workspaceId, FILES_SOURCE)
  ).filter((document) => document.externalId.startsWith(`${root}${sep}`));
  for (const document of legacy) await dependencies.store.deleteDocumentChunks(workspaceId, document.id, 0);
  if (legacy.length > 0)
    await deleteDocuments(
      dependencies.database.db,
      workspaceId,
      legacy.map((document) => document.id),
    );
  return legacy.length;
}
