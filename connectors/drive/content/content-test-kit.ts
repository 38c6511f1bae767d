import type { drive_v3 } from "@googleapis/drive";
import type { DriveStandIn } from "#test/stand-ins/drive/drive-server.ts";
import { standInDriveClient, standInGrant } from "../client/stand-in-drive-client.ts";
import type { DriveFileRead } from "./drive-file-read.ts";
import { type DriveContentLimits, driveContentFields } from "./drive-file-ref.ts";
import { readDriveFile } from "./read-drive-file.ts";

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
