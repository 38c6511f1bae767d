import type { SharedDrive } from "./drive-file.ts";

/** A shared drive as drives.list answers it. */
export function sharedDriveJson(drive: SharedDrive): Record<string, unknown> {
  return {
    kind: "drive#drive",
    id: drive.id,
    name: drive.name,
    createdTime: drive.createdTime,
    hidden: false,
    capabilities: { canListChildren: true, canDownload: true, canEdit: true },
    restrictions: {
      adminManagedRestrictions: false,
      copyRequiresWriterPermission: false,
      domainUsersOnly: false,
      driveMembersOnly: false,
    },
  };
}
