import { randomBytes } from "node:crypto";
import { basename, resolve } from "node:path";
import type { Database } from "#shared/db/database.ts";
import { countDocuments } from "#shared/db/document-repository.ts";
import type { SourceConnectionRow } from "#shared/db/schema.ts";
import {
  acquireSyncLease,
  ensureSourceConnection,
  findFolderConnection,
  getSourceConnection,
  markSourceError,
  markSourceOk,
  markSourceSyncing,
  releaseSyncLease,
  renewSyncLease,
  saveSourceSettings,
} from "#shared/db/source-connection-repository.ts";
import { ensureWorkspace } from "#shared/db/workspace-repository.ts";
import { AppError, ErrorCode, errorMessage } from "#shared/errors/app-error.ts";
import type { Embedder } from "#shared/knowledge/embed/embedder.ts";
import type { IndexReport } from "#shared/knowledge/index-documents.ts";
import type { VectorStore } from "#shared/knowledge/store/vector-store.ts";
import type { Logger } from "#shared/log/logger.ts";
import { type FolderSettings, folderSettings, folderSource } from "./folder-settings.ts";
import { indexFolder, readFolder } from "./index-folder.ts";
import type { OnIngestProgress } from "./ingest-progress.ts";
import type { FolderRead, ReadFolderOptions } from "./read-folder-documents.ts";

export interface IngestFolderDependencies {
  database: Database;
  store: VectorStore;
  embedder: Embedder | null;
  logger: Logger;
  /** Tests: read failures root cannot produce. */
  readBytes?: ReadFolderOptions["readBytes"];
  now?: () => Date;
  /** Files read, then documents written: the CLI draws it on a terminal. */
  onProgress?: OnIngestProgress;
}

export interface IngestFolderRequest {
  workspaceId: string;
  path: string;
  /** Re-point this folder connection at `path` (the folder moved). Default: the one at `path`, or a new one. */
  connectionId?: string;
  /** Set the published site's base URL (already checked with parseBaseUrl); kept for later ingests. */
  baseUrl?: string;
}

export interface IngestFolderResult {
  connection: SourceConnectionRow;
  /** True when this ingest created the connection. */
  created: boolean;
  /** The path the connection pointed at before, when this ingest moved it. */
  movedFrom?: string;
  report: IndexReport;
  folder: FolderRead;
  /** Copies indexed by earlier versions (source "files", absolute paths) removed for this folder. */
  legacyRemoved: number;
}

/** How long a folder ingest's hold on its connection lasts unless renewed (every third of it). */
const folderLeaseMs = 60_000;

/**
 * Ingests a folder as a source connection of the workspace. Documents are keyed by their path
 * relative to the folder under the connection's own source, so a moved folder re-pointed with
 * `connectionId` keeps every key: unchanged files cost nothing, and nothing is duplicated. A file
 * that could not be read keeps its last good version; only files really gone are deleted.
 */
export async function ingestFolder(
  dependencies: IngestFolderDependencies,
  request: IngestFolderRequest,
): Promise<IngestFolderResult> {
  const { database, logger } = dependencies;
  const db = database.db;
  const now = dependencies.now ?? (() => new Date());
  const root = resolve(request.path);
  await ensureWorkspace(db, request.workspaceId);
  const { connection, created } = await folderConnection(
    database,
    request.workspaceId,
    root,
    request.connectionId,
  );
  const previous = created ? undefined : folderSettings(connection);
  const settings: FolderSettings = {
    path: root,
    name: previous?.name ?? basename(root),
    ...((request.baseUrl ?? previous?.baseUrl) ? { baseUrl: request.baseUrl ?? previous?.baseUrl } : {}),
  };

  const owner = `ingest:${process.pid}:${randomBytes(4).toString("hex")}`;
  // Short and renewed, as a sync's: a killed ingest (a `sabio start` that died mid-way) holds the
  // folder for a minute at most, not for as long as the longest ingest could take.
  if (!(await acquireSyncLease(db, connection.id, owner, folderLeaseMs))) {
    throw new AppError(
      ErrorCode.InvalidInput,
      `Folder source "${connection.id}" is being ingested or removed right now.`,
      {
        hint: "run the ingest again when that has finished",
      },
    );
  }
  const renewal = setInterval(() => {
    renewSyncLease(db, connection.id, owner, folderLeaseMs).catch((error: unknown) =>
      logger.warn({ connectionId: connection.id, err: errorMessage(error) }, "folder lease renewal failed"),
    );
  }, folderLeaseMs / 3);
  renewal.unref();
  const startedAt = now();
  try {
    await markSourceSyncing(db, connection.id, startedAt);
    const folder = await readFolder(dependencies, request.workspaceId, settings);
    // Saved once the folder reads: a mistyped path never re-points a working connection.
    await saveSourceSettings(db, connection.id, settings, settings.name);
    const source = connection.source;
    const { report, legacyRemoved } = await indexFolder(dependencies, {
      workspaceId: request.workspaceId,
      source,
      root,
      folder,
    });
    await markSourceOk(db, connection.id, {
      documentCount: await countDocuments(db, request.workspaceId, source),
      completeAt: startedAt,
    });
    const saved = (await getSourceConnection(db, connection.id)) ?? connection;
    return {
      connection: saved,
      created,
      ...(previous && previous.path !== root ? { movedFrom: previous.path } : {}),
      report,
      folder,
      legacyRemoved,
    };
  } catch (error) {
    await markSourceError(db, connection.id, errorMessage(error));
    throw error;
  } finally {
    clearInterval(renewal);
    await releaseSyncLease(db, connection.id, owner);
  }
}

async function folderConnection(
  database: Database,
  workspaceId: string,
  root: string,
  connectionId: string | undefined,
): Promise<{ connection: SourceConnectionRow; created: boolean }> {
  const db = database.db;
  const atPath = await findFolderConnection(db, workspaceId, root);
  if (connectionId === undefined) {
    if (atPath) return { connection: atPath, created: false };
    const id = `files-${randomBytes(4).toString("hex")}`;
    const connection = await ensureSourceConnection(db, {
      id,
      workspaceId,
      kind: "files",
      source: folderSource(id),
      label: basename(root),
      settings: { path: root, name: basename(root) },
    });
    return { connection, created: true };
  }
  const connection = await getSourceConnection(db, connectionId);
  if (!connection || connection.workspaceId !== workspaceId) {
    throw new AppError(
      ErrorCode.InvalidInput,
      `Workspace "${workspaceId}" has no source "${connectionId}".`,
      {
        hint: `list them with \`sabio sources --workspace ${workspaceId}\``,
      },
    );
  }
  if (connection.kind !== "files") {
    throw new AppError(
      ErrorCode.InvalidInput,
      `Source "${connectionId}" is not a folder (it is ${connection.kind}).`,
      {
        hint: "leave out --source to connect this folder as a new source",
      },
    );
  }
  if (atPath && atPath.id !== connection.id) {
    throw new AppError(ErrorCode.InvalidInput, `${root} is already connected as source "${atPath.id}".`, {
      hint: `ingest it without --source, or remove one with \`sabio disconnect --workspace ${workspaceId} --source ${atPath.id}\``,
    });
  }
  return { connection, created: false };
}
