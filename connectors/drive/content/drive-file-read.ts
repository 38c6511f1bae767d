/** Why a file was not indexed; every one is permanent for this version of the file. */
export type DriveSkipReason =
  /** Not a kind Sabio reads (image, video, archive, folder, form…). */
  | "unsupported"
  /** Over DRIVE_MAX_FILE_MB, or an export over Drive's 10 MB (`exportSizeLimitExceeded`). */
  | "too-large"
  /** The bytes do not parse as what the file says it is. */
  | "corrupt"
  /** Read, but nothing to index (a Doc of images only, a scanned PDF, an empty sheet). */
  | "no-text"
  /** 0 bytes. */
  | "empty"
  /** Trashed or deleted (404) while being read. */
  | "gone"
  /** Drive refuses this file (a shortcut's target not shared, download blocked, …). */
  | "unreadable";

/** A file turned into a SourceDocument's parts. */
export interface DriveDocumentRead {
  status: "read";
  /** The listed file's id (a shortcut's own id, not its target's): the document's identity. */
  fileId: string;
  /** Markdown body. */
  markdown: string;
  /** The file name (the target's, for a shortcut). */
  title: string;
  /** webViewLink: what citations open. */
  url: string;
  folderPath?: string;
  /** RFC 3339, the content's (the target's, for a shortcut). */
  modifiedTime: string;
  /** The content's MIME type (the target's, for a shortcut). */
  mimeType: string;
  /** Small facts kept, not embedded: `{ pages }` of a PDF, `{ shortcutTo }`, `{ format: "text/plain" }`. */
  metadata: Record<string, unknown>;
}

export interface DriveFileSkipped {
  status: "skipped";
  fileId: string;
  reason: DriveSkipReason;
  /** In plain words, for the sync report: "image/png is not indexed". */
  note: string;
}

export type DriveFileRead = DriveDocumentRead | DriveFileSkipped;

export function skipped(fileId: string, reason: DriveSkipReason, note: string): DriveFileSkipped {
  return { status: "skipped", fileId, reason, note };
}
