import type { drive_v3 } from "@googleapis/drive";
import { driveChangeFields } from "./drive-fields.ts";

export interface DriveChanges {
  /** The latest change of each file since the token (the feed may name a file twice across pages). */
  changes: drive_v3.Schema$Change[];
  /** Where the next sync starts. */
  newStartPageToken: string;
}

/**
 * Follows the changes feed from `pageToken` to `newStartPageToken`: one feed covers My Drive and
 * every shared drive. Nothing changed costs one call.
 */
export async function listDriveChanges(api: drive_v3.Drive, pageToken: string): Promise<DriveChanges> {
  const byFile = new Map<string, drive_v3.Schema$Change>();
  let token = pageToken;
  for (;;) {
    const { data } = await api.changes.list({
      pageToken: token,
      pageSize: 1000,
      includeItemsFromAllDrives: true,
      supportsAllDrives: true,
      fields: driveChangeFields,
    });
    for (const change of data.changes ?? []) {
      // Shared drives' own changes (renamed, deleted) carry no file; their files' changes come apart.
      if (change.changeType === "drive" || !change.fileId) continue;
      byFile.delete(change.fileId);
      byFile.set(change.fileId, change);
    }
    if (data.newStartPageToken)
      return { changes: [...byFile.values()], newStartPageToken: data.newStartPageToken };
    if (!data.nextPageToken) throw new Error("Google Drive sent a changes page without a next page token");
    token = data.nextPageToken;
  }
}
