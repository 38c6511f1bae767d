import type { IndexedSourceDocument } from "#shared/db/source-connection-repository.ts";
import type { DocumentAccess, SourceDocument } from "#shared/knowledge/document.ts";
import type { DriveDocumentRead } from "../content/drive-file-read.ts";
import { type DriveListedFile, shortcutMimeType } from "./drive-fields.ts";
import { type FolderStep, folderPathOf } from "./folder-steps.ts";

/** Where a pass writes: the connection's workspace and the `source` its documents are indexed under. */
export interface DriveSyncTarget {
  workspaceId: string;
  source: string;
}

/**
 * What the listing says about a file, kept as metadata: enough to tell next time that it has not
 * changed without reading it (name, type, md5), and where it sits. Absent values are null so a
 * merge over older metadata clears them.
 */
export function listingMetadata(
  file: DriveListedFile,
  folders: readonly FolderStep[],
): Record<string, unknown> {
  return {
    name: file.name ?? "",
    mimeType: file.mimeType ?? null,
    md5Checksum: file.md5Checksum ?? null,
    driveId: file.driveId ?? null,
    parentId: file.parents?.[0] ?? null,
    ...placeMetadata(folders),
  };
}

/**
 * Where a file sits: the path people read and the folders' ids behind it. The ids are what finds a
 * renamed or moved folder's documents: names repeat (two "Archive" folders), ids do not, and a path
 * split on "/" would break on a folder named "Q1/Q2".
 */
export function placeMetadata(folders: readonly FolderStep[]): Record<string, unknown> {
  return {
    folderPath: folderPathOf(folders) ?? null,
    folders: folders.map(({ id, name }) => ({ id, name })),
  };
}

/**
 * A read file as the document indexed under its file id (a rename or move keeps the id: no ghost),
 * with `listed` (listingMetadata) over what the read found.
 */
export function driveDocument(
  target: DriveSyncTarget,
  read: DriveDocumentRead,
  access: DocumentAccess,
  listed: Record<string, unknown>,
): SourceDocument {
  return {
    workspaceId: target.workspaceId,
    source: target.source,
    externalId: read.fileId,
    title: read.title,
    url: read.url,
    updatedAt: new Date(read.modifiedTime),
    content: read.markdown,
    metadata: { ...read.metadata, ...listed },
    access,
  };
}

/**
 * Whether the indexed copy is the file's current content, so it need not be read: same modifiedTime
 * (a rename moves it too), same md5 for files with bytes, same name and type. A shortcut is always
 * read: its own times say nothing about its target's content. Permission changes and moves do not
 * touch modifiedTime: they are applied without a read.
 */
export function isKnownCurrent(file: DriveListedFile, indexed: IndexedSourceDocument | undefined): boolean {
  if (!indexed || !file.modifiedTime || file.mimeType === shortcutMimeType) return false;
  const { metadata } = indexed;
  return (
    indexed.updatedAt.getTime() === Date.parse(file.modifiedTime) &&
    (metadata.md5Checksum ?? null) === (file.md5Checksum ?? null) &&
    metadata.name === (file.name ?? "") &&
    metadata.mimeType === file.mimeType
  );
}
