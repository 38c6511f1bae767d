import type { drive_v3 } from "@googleapis/drive";

/**
 * The file fields a sync asks for (explicit: Drive sends only id/name/mimeType otherwise). Covers what
 * readDriveFile needs, what decides "unchanged" without reading (modifiedTime, md5Checksum), the
 * folder path (parents, driveId) and access (permissions: absent for shared-drive items).
 */
export const driveFileFields =
  "id,name,mimeType,modifiedTime,version,md5Checksum,size,webViewLink,parents,driveId,trashed," +
  "shortcutDetails(targetId,targetMimeType),permissions(type,role,emailAddress,domain)";

export const driveListFields = `nextPageToken,incompleteSearch,files(${driveFileFields})`;

export const driveChangeFields = `nextPageToken,newStartPageToken,changes(changeType,removed,fileId,file(${driveFileFields}))`;

export const drivePermissionFields = "nextPageToken,permissions(type,role,emailAddress,domain)";

/** A file as the listing and the changes feed describe it. */
export type DriveListedFile = drive_v3.Schema$File;

export const folderMimeType = "application/vnd.google-apps.folder";
export const shortcutMimeType = "application/vnd.google-apps.shortcut";
