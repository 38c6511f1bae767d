import { createHash } from "node:crypto";
import { googleTypes, type StoredFile, type StoredPermission } from "./drive-file.ts";
import type { DriveWorld } from "./drive-world.ts";
import { exportFormats } from "./export-formats.ts";

/** Every top-level field of Drive v3's File resource: `fields` naming anything else is a 400. */
export const fileFieldNames: ReadonlySet<string> = new Set(
  (
    "kind id name mimeType description starred trashed explicitlyTrashed parents properties appProperties " +
    "spaces version webContentLink webViewLink iconLink hasThumbnail thumbnailLink thumbnailVersion " +
    "viewedByMe viewedByMeTime createdTime modifiedTime modifiedByMeTime modifiedByMe sharedWithMeTime " +
    "sharingUser owners teamDriveId driveId lastModifyingUser shared ownedByMe capabilities " +
    "viewersCanCopyContent copyRequiresWriterPermission writersCanShare permissions permissionIds " +
    "hasAugmentedPermissions folderColorRgb originalFilename fullFileExtension fileExtension md5Checksum " +
    "sha1Checksum sha256Checksum size quotaBytesUsed headRevisionId contentHints imageMediaMetadata " +
    "videoMediaMetadata isAppAuthorized exportLinks shortcutDetails contentRestrictions resourceKey " +
    "linkShareMetadata labelInfo trashedTime trashingUser inheritedPermissionsDisabled downloadRestrictions"
  ).split(" "),
);

export function permissionJson(
  permission: StoredPermission & { inheritedFrom?: string | undefined },
): Record<string, unknown> {
  const { inheritedFrom, ...spec } = permission;
  return {
    kind: "drive#permission",
    ...spec,
    deleted: false,
    ...(spec.type === "domain" || spec.type === "anyone"
      ? { allowFileDiscovery: spec.allowFileDiscovery ?? false }
      : {}),
    ...(inheritedFrom
      ? {
          permissionDetails: [{ permissionType: "member", role: spec.role, inherited: true, inheritedFrom }],
        }
      : {}),
  };
}

function webViewLink(file: StoredFile): string {
  const paths: Record<string, string> = {
    [googleTypes.doc]: `https://docs.google.com/document/d/${file.id}/edit?usp=drivesdk`,
    [googleTypes.sheet]: `https://docs.google.com/spreadsheets/d/${file.id}/edit?usp=drivesdk`,
    [googleTypes.slides]: `https://docs.google.com/presentation/d/${file.id}/edit?usp=drivesdk`,
    [googleTypes.folder]: `https://drive.google.com/drive/folders/${file.id}`,
  };
  return paths[file.mimeType] ?? `https://drive.google.com/file/d/${file.id}/view?usp=drivesdk`;
}

/**
 * The whole File resource as Drive v3 would send it with `fields=*`. As in Drive, `permissions` is
 * left out for shared-drive items (read them with permissions.list) and `size`/`md5Checksum` exist only
 * for files with bytes.
 */
export function fileJson(world: DriveWorld, file: StoredFile): Record<string, unknown> {
  const inSharedDrive = file.driveId !== undefined;
  const permissions = world.effectivePermissions(file);
  const user = (email: string) => ({
    kind: "drive#user",
    displayName: email.split("@")[0],
    emailAddress: email,
    me: email === world.account.email,
  });
  const json: Record<string, unknown> = {
    kind: "drive#file",
    id: file.id,
    name: file.name,
    mimeType: file.mimeType,
    starred: false,
    trashed: file.trashed,
    explicitlyTrashed: file.explicitlyTrashed,
    trashedTime: file.trashedTime,
    parents: file.parents,
    spaces: ["drive"],
    version: String(file.version),
    webViewLink: webViewLink(file),
    iconLink: `https://drive-thirdparty.googleusercontent.com/16/type/${file.mimeType}`,
    createdTime: file.createdTime,
    modifiedTime: file.modifiedTime,
    lastModifyingUser: user(file.ownerEmail),
    shared: permissions.some((permission) => permission.role !== "owner") || inSharedDrive,
    ownedByMe: !inSharedDrive && file.ownerEmail === world.account.email,
    capabilities: { canDownload: true, canEdit: true, canListChildren: file.mimeType === googleTypes.folder },
    permissionIds: permissions.map((permission) => permission.id),
    ...(inSharedDrive
      ? { driveId: file.driveId, teamDriveId: file.driveId }
      : { owners: [user(file.ownerEmail)], permissions: permissions.map(permissionJson) }),
  };
  const { content } = file;
  if (content.kind === "binary") {
    const extension = /\.([A-Za-z0-9]+)$/.exec(file.name)?.[1];
    Object.assign(json, {
      size: String(content.bytes.byteLength),
      quotaBytesUsed: String(content.bytes.byteLength),
      md5Checksum: createHash("md5").update(content.bytes).digest("hex"),
      headRevisionId: `0B${file.id}rev${file.headRevision}`,
      originalFilename: file.name,
      webContentLink: `https://drive.google.com/uc?id=${file.id}&export=download`,
      ...(extension ? { fileExtension: extension, fullFileExtension: extension } : {}),
    });
  }
  if (content.kind === "shortcut") {
    const target = world.files.get(content.targetId);
    json.shortcutDetails = { targetId: content.targetId, targetMimeType: target?.mimeType };
  }
  const formats = exportFormats[file.mimeType];
  if (formats) {
    json.exportLinks = Object.fromEntries(
      Object.keys(formats).map((type) => [
        type,
        `https://docs.google.com/feeds/download/export?id=${file.id}&exportFormat=${encodeURIComponent(type)}`,
      ]),
    );
  }
  return json;
}
