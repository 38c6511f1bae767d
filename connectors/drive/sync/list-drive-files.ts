import type { drive_v3 } from "@googleapis/drive";
import { type DriveListedFile, driveListFields } from "./drive-fields.ts";

export interface DriveListing {
  files: DriveListedFile[];
  /** False when Drive said `incompleteSearch`: some files were left out, so absence proves nothing. */
  complete: boolean;
  calls: number;
}

/**
 * Every file the account can read that is not in the trash, in My Drive and every shared drive, to
 * the last page. Metadata only (explicit fields), 1000 a page.
 */
export async function listDriveFiles(api: drive_v3.Drive): Promise<DriveListing> {
  const files: DriveListedFile[] = [];
  let complete = true;
  let calls = 0;
  let pageToken: string | undefined;
  do {
    const { data } = await api.files.list({
      q: "trashed = false",
      corpora: "allDrives",
      includeItemsFromAllDrives: true,
      supportsAllDrives: true,
      pageSize: 1000,
      fields: driveListFields,
      ...(pageToken === undefined ? {} : { pageToken }),
    });
    calls += 1;
    files.push(...(data.files ?? []));
    if (data.incompleteSearch) complete = false;
    pageToken = data.nextPageToken ?? undefined;
  } while (pageToken);
  return { files, complete, calls };
}

/** Names every shared drive the account belongs to (for folder paths). */
export async function listSharedDrives(api: drive_v3.Drive): Promise<drive_v3.Schema$Drive[]> {
  const drives: drive_v3.Schema$Drive[] = [];
  let pageToken: string | undefined;
  do {
    const { data } = await api.drives.list({
      pageSize: 100,
      fields: "nextPageToken,drives(id,name)",
      ...(pageToken === undefined ? {} : { pageToken }),
    });
    drives.push(...(data.drives ?? []));
    pageToken = data.nextPageToken ?? undefined;
  } while (pageToken);
  return drives;
}
