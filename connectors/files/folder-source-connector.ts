import type { SourceConnector } from "#connectors/sources/source-connector.ts";
import { folderSettings } from "./folder-settings.ts";
import { type IndexFolderDependencies, indexFolder, readFolder } from "./index-folder.ts";

/**
 * A local folder as a source: every sync reads it again from where it was last ingested (a complete
 * listing, so files really gone are deleted; a file that could not be read keeps its last good
 * version). No credential and no sync state; the sync role does not schedule folders, as a folder
 * lives on the machine that ingested it.
 */
export function folderSourceConnector(
  options: Pick<IndexFolderDependencies, "readBytes"> = {},
): SourceConnector {
  return {
    kind: "files",
    displayName: "the folder",
    syncMinutes: undefined,
    async open() {
      return {
        async sync(context) {
          const { connection } = context;
          const settings = folderSettings(connection);
          const dependencies: IndexFolderDependencies = {
            database: context.database,
            store: context.store,
            embedder: context.embedder,
            logger: context.logger,
            ...(options.readBytes ? { readBytes: options.readBytes } : {}),
            ...(context.onProgress
              ? {
                  onProgress: (progress) => {
                    const embedded = progress.phase === "indexing" ? progress.embedded : 0;
                    context.onProgress?.({ pages: progress.done, embedded, bounded: progress });
                  },
                }
              : {}),
          };
          const folder = await readFolder(dependencies, connection.workspaceId, settings);
          const { report, legacyRemoved } = await indexFolder(dependencies, {
            workspaceId: connection.workspaceId,
            source: connection.source,
            root: settings.path,
            folder,
          });
          return {
            mode: "full",
            // Unreadable files keep their last good version: the listing itself was complete.
            complete: true,
            seen: folder.documents.length + folder.skipped.length + folder.failed.length,
            documents: report.documents,
            indexed: report.documents - report.unchanged,
            chunks: report.chunks,
            embedded: report.embedded,
            unchanged: report.unchanged,
            deleted: report.deleted + legacyRemoved,
            pendingVectors: report.pendingVectors,
            skipped: folder.skipped.map((skipped) => ({ id: skipped.path, reason: skipped.reason })),
            failed: folder.failed.map((failure) => ({ id: failure.path, error: failure.error })),
          };
        },
      };
    },
  };
}
