import type { drive_v3 } from "@googleapis/drive";
import { ErrorCode } from "#shared/errors/app-error.ts";
import type { DocumentAccess } from "#shared/knowledge/document.ts";
import type { Logger } from "#shared/log/logger.ts";
import { toDriveError } from "../client/drive-error.ts";
import { accessFromPermissions } from "./drive-access.ts";
import { type DriveListedFile, drivePermissionFields, shortcutMimeType } from "./drive-fields.ts";

/** Nobody but the operator: what a file whose sharing cannot be read is visible to. */
const operatorOnly: DocumentAccess = { users: [], groups: [], domains: [], public: false };

/**
 * A listed file's access. My Drive files carry their permissions in the listing; shared-drive items
 * never do (Drive leaves `permissions` out for them), nor does a shortcut say who may open its
 * target: those are read with permissions.list. A file whose permissions Drive will not show (a
 * reader may not list them) is visible to the operator only; rate limits and dead credentials are
 * thrown, like any read failure.
 */
export async function driveFileAccess(
  api: drive_v3.Drive,
  file: DriveListedFile,
  logger: Logger,
): Promise<DocumentAccess> {
  const targetId = file.mimeType === shortcutMimeType ? file.shortcutDetails?.targetId : undefined;
  if (!targetId && !file.driveId && file.permissions) return accessFromPermissions(file.permissions);
  const fileId = targetId ?? file.id ?? "";
  try {
    return accessFromPermissions(await listPermissions(api, fileId));
  } catch (thrown) {
    const error = toDriveError(thrown);
    if (error.retryable || error.code === ErrorCode.InvalidConfig) throw error;
    logger.warn({ fileId, err: error.message }, "Drive permissions unreadable; only the operator sees it");
    return operatorOnly;
  }
}

async function listPermissions(api: drive_v3.Drive, fileId: string): Promise<drive_v3.Schema$Permission[]> {
  const permissions: drive_v3.Schema$Permission[] = [];
  let pageToken: string | undefined;
  do {
    const { data } = await api.permissions.list({
      fileId,
      supportsAllDrives: true,
      fields: drivePermissionFields,
      pageSize: 100,
      ...(pageToken === undefined ? {} : { pageToken }),
    });
    permissions.push(...(data.permissions ?? []));
    pageToken = data.nextPageToken ?? undefined;
  } while (pageToken);
  return permissions;
}
