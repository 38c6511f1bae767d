import type { drive_v3 } from "@googleapis/drive";
import type { AppError } from "#shared/errors/app-error.ts";
import { ErrorCode, isAppError } from "#shared/errors/app-error.ts";
import { driveErrorReason, driveErrorStatus, toDriveError } from "../client/drive-error.ts";
import { downloadDriveFile } from "./drive-bytes.ts";
import { type DriveFileRead, type DriveFileSkipped, skipped } from "./drive-file-read.ts";
import { type DriveContentLimits, type DriveFileRef, driveContentFields } from "./drive-file-ref.ts";
import { googleMimeTypes, parserForDriveFile } from "./drive-mime-types.ts";
import { hasText } from "./exported-markdown.ts";
import { parsing } from "./parsing.ts";
import { readGoogleFile } from "./read-google-file.ts";

/** A file's content in pieces for one SourceDocument, or why it was skipped. */
interface Content {
  markdown: string;
  metadata: Record<string, unknown>;
}

/**
 * Reads one listed file for indexing: Google Docs, Sheets and Slides exported, PDF, DOCX, Markdown,
 * text and HTML downloaded (streamed, stopped past `limits.maxFileBytes`) and parsed by the spine's
 * parsers; a shortcut read as its target. Whatever is permanent for this file — an unsupported type,
 * too large, corrupt, no text, empty, gone (404, trashed), refused — comes back `skipped` with a
 * reason, never thrown. Thrown (as AppError): what a later try can fix (rate limits and 5xx that
 * outlasted the retries: retryable) and a dead credential (invalid_config: needs re-auth).
 */
export async function readDriveFile(
  api: drive_v3.Drive,
  file: DriveFileRef,
  limits: DriveContentLimits,
): Promise<DriveFileRead> {
  const fileId = file.id ?? "";
  if (file.trashed) return skipped(fileId, "gone", "in the trash");
  if (file.mimeType !== googleMimeTypes.shortcut) return readContent(api, fileId, file, limits, {});
  const targetId = file.shortcutDetails?.targetId;
  if (!targetId) return skipped(fileId, "unreadable", "a shortcut without a target");
  let target: DriveFileRef;
  try {
    ({ data: target } = await api.files.get({
      fileId: targetId,
      fields: driveContentFields,
      supportsAllDrives: true,
    }));
  } catch (error) {
    const skip = permanentSkip(fileId, error, "Drive refused it");
    return skipped(fileId, "unreadable", `the shortcut's target cannot be read: ${skip.note}`);
  }
  if (target.trashed) return skipped(fileId, "gone", "the shortcut's target is in the trash");
  if (target.mimeType === googleMimeTypes.shortcut)
    return skipped(fileId, "unsupported", "a shortcut to a shortcut");
  const read = await readContent(api, fileId, { ...target, folderPath: file.folderPath }, limits, {
    shortcutTo: targetId,
  });
  return read;
}

async function readContent(
  api: drive_v3.Drive,
  fileId: string,
  file: DriveFileRef,
  limits: DriveContentLimits,
  metadata: Record<string, unknown>,
): Promise<DriveFileRead> {
  const mimeType = file.mimeType ?? "application/octet-stream";
  const name = file.name?.trim() || "Untitled";
  let content: Content | DriveFileSkipped;
  try {
    content = await contentOf(api, file.id ?? fileId, fileId, mimeType, name, file.size, limits);
  } catch (error) {
    return permanentSkip(fileId, error, "Drive refused to hand it over");
  }
  if ("status" in content) return content;
  if (!hasText(content.markdown)) return skipped(fileId, "no-text", "no text in it (images only, or blank)");
  const read: DriveFileRead = {
    status: "read",
    fileId,
    markdown: content.markdown,
    title: name,
    url: file.webViewLink ?? `https://drive.google.com/file/d/${file.id ?? fileId}/view`,
    modifiedTime: file.modifiedTime ?? new Date(0).toISOString(),
    mimeType,
    metadata: { ...metadata, ...content.metadata },
  };
  if (file.folderPath) read.folderPath = file.folderPath;
  return read;
}

async function contentOf(
  api: drive_v3.Drive,
  contentId: string,
  fileId: string,
  mimeType: string,
  name: string,
  size: string | null | undefined,
  limits: DriveContentLimits,
): Promise<Content | DriveFileSkipped> {
  const exported = await readGoogleFile(api, contentId, mimeType);
  if (exported !== undefined) {
    if ("tooLarge" in exported) return skipped(fileId, "too-large", "its export is over Drive's 10 MB");
    return { markdown: exported.markdown, metadata: { format: exported.format } };
  }
  if (mimeType === googleMimeTypes.folder) return skipped(fileId, "unsupported", "a folder");
  const parser = parserForDriveFile(mimeType, name);
  if (!parser) return skipped(fileId, "unsupported", `${mimeType} is not indexed`);
  if (size === "0") return skipped(fileId, "empty", "the file is empty (0 bytes)");
  if (size && Number(size) > limits.maxFileBytes) return tooLarge(fileId, limits);
  const downloaded = await downloadDriveFile(api, contentId, limits.maxFileBytes);
  if ("tooLarge" in downloaded) return tooLarge(fileId, limits);
  if (downloaded.bytes.byteLength === 0) return skipped(fileId, "empty", "the file is empty (0 bytes)");
  const parsed = await parsing(mimeType, () => parser(downloaded.bytes, { relativePath: name }));
  return { markdown: parsed.content, metadata: parsed.metadata ?? {} };
}

function tooLarge(fileId: string, limits: DriveContentLimits): DriveFileSkipped {
  const megabytes = Math.round(limits.maxFileBytes / (1024 * 1024));
  return skipped(fileId, "too-large", `over DRIVE_MAX_FILE_MB (${megabytes} MB)`);
}

/** A failure that is permanent for this file as a skip; anything a later try may fix is thrown. */
function permanentSkip(fileId: string, error: unknown, refusedNote: string): DriveFileSkipped {
  if (isAppError(error) && error.code === ErrorCode.CorruptFile)
    return skipped(fileId, "corrupt", error.message);
  if (isAppError(error) && error.code === ErrorCode.UnsupportedFile) {
    // The parsers' word for a PDF without a text layer (a scan), or one behind a password.
    const reason = /no extractable text/.test(error.message) ? "no-text" : "unreadable";
    return skipped(fileId, reason, error.message);
  }
  const mapped: AppError = toDriveError(error);
  if (mapped.retryable || mapped.code === ErrorCode.InvalidConfig) throw mapped;
  if (driveErrorStatus(error) === 404) return skipped(fileId, "gone", "deleted, or no longer shared");
  if (mapped.code === ErrorCode.FileTooLarge)
    return skipped(fileId, "too-large", "its export is over Drive's 10 MB");
  const reason = driveErrorReason(error);
  return skipped(fileId, "unreadable", `${refusedNote}${reason ? ` (${reason})` : ""}`);
}
