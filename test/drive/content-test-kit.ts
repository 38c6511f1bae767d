import type { drive_v3 } from "@googleapis/drive";
import type { DriveFileRead } from "#connectors/drive/content/drive-file-read.ts";
import { type DriveContentLimits, driveContentFields } from "#connectors/drive/content/drive-file-ref.ts";
import { readDriveFile } from "#connectors/drive/content/read-drive-file.ts";
import type { DriveStandIn } from "#test/stand-ins/drive/drive-server.ts";
import { standInDriveClient, standInGrant } from "./stand-in-drive-client.ts";

/**
 * For tests: reads a stand-in file the way a sync would — its listing fields from files.get, then
 * readDriveFile — through the real client, retry waits recorded instead of slept.
 */
export async function contentReader(
  standIn: DriveStandIn,
  limits: DriveContentLimits = { maxFileBytes: 20 << 20 },
) {
  const waits: number[] = [];
  const api: drive_v3.Drive = standInDriveClient(standIn, await standInGrant(standIn), {
    retry: { sleep: async (ms) => void waits.push(ms), random: () => 0.5 },
  });
  const describe = async (fileId: string) =>
    (await api.files.get({ fileId, fields: driveContentFields, supportsAllDrives: true })).data;
  return {
    api,
    waits,
    describe,
    read: async (fileId: string, extra: { folderPath?: string } = {}): Promise<DriveFileRead> =>
      readDriveFile(api, { ...(await describe(fileId)), ...extra }, limits),
  };
}
