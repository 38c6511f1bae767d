/** The file fields readDriveFile needs: ask files.list / changes.list for at least these. */
export const driveContentFields =
  "id,name,mimeType,size,modifiedTime,webViewLink,trashed,shortcutDetails(targetId,targetMimeType)";

/** A file as files.list or files.get describes it (Drive sends null for what it leaves out). */
export interface DriveFileRef {
  id?: string | null;
  name?: string | null;
  mimeType?: string | null;
  /** Bytes, as a decimal string; absent for Google Docs, Sheets, Slides. */
  size?: string | null;
  modifiedTime?: string | null;
  webViewLink?: string | null;
  trashed?: boolean | null;
  shortcutDetails?: { targetId?: string | null; targetMimeType?: string | null } | null;
  /** Where it sits ("Team/Policies"), worked out by the listing from the parents; kept as metadata. */
  folderPath?: string | undefined;
}

/** What may be read of one file. */
export interface DriveContentLimits {
  /** DRIVE_MAX_FILE_MB in bytes: larger downloads are skipped (exports are capped at 10 MB by Drive). */
  maxFileBytes: number;
}

export function driveContentLimits(env: { DRIVE_MAX_FILE_MB: number }): DriveContentLimits {
  return { maxFileBytes: env.DRIVE_MAX_FILE_MB * 1024 * 1024 };
}
