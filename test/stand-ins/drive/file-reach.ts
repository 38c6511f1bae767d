import { driveErrors } from "./drive-api-error.ts";
import type { StoredFile } from "./drive-file.ts";
import { flag, type RouteContext } from "./drive-route.ts";

/**
 * The file a call names, or Drive's 404: shared-drive items exist only for `supportsAllDrives=true`,
 * except in files.export, which has no such parameter (`anyDrive`).
 */
export function reachableFile(context: RouteContext, options: { anyDrive?: boolean } = {}): StoredFile {
  const fileId = context.params.fileId ?? "";
  const file = context.world.file(fileId);
  const hidden =
    file?.driveId !== undefined && !options.anyDrive && !flag(context.query, "supportsAllDrives");
  if (!file || hidden) {
    throw driveErrors.fileNotFound(fileId);
  }
  return file;
}

/**
 * Which files a files.list (or changes.list) call may see, from `corpora`, `driveId`,
 * `includeItemsFromAllDrives` and `supportsAllDrives`, with Drive's 400s for inconsistent ones.
 */
export function corpusFilter(context: RouteContext): (file: { driveId: string | undefined }) => boolean {
  const { query, world } = context;
  const allDrives = flag(query, "includeItemsFromAllDrives");
  if (allDrives && !flag(query, "supportsAllDrives")) {
    throw driveErrors.invalidParameter(
      "includeItemsFromAllDrives",
      "The includeItemsFromAllDrives parameter can only be set to true when supportsAllDrives is also set to true.",
    );
  }
  const corpora = query.get("corpora") ?? "user";
  const driveId = query.get("driveId");
  if (!["user", "drive", "domain", "allDrives"].includes(corpora)) {
    throw driveErrors.invalidParameter("corpora", `Invalid value '${corpora}'.`);
  }
  if ((corpora === "drive") !== (driveId !== null)) {
    throw driveErrors.invalidParameter(
      "driveId",
      "The driveId parameter must be specified if and only if corpora is set to drive.",
    );
  }
  if ((corpora === "drive" || corpora === "allDrives") && !allDrives) {
    throw driveErrors.invalidParameter(
      "includeItemsFromAllDrives",
      "The includeItemsFromAllDrives parameter must be set to true when corpora is drive or allDrives.",
    );
  }
  if (driveId !== null) {
    if (!world.drives.has(driveId)) throw driveErrors.notFound(`Shared drive not found: ${driveId}`);
    return (file) => file.driveId === driveId;
  }
  return (file) => file.driveId === undefined || allDrives;
}
