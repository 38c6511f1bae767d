import type { drive_v3 } from "@googleapis/drive";
import { ErrorCode } from "#shared/errors/app-error.ts";
import { driveErrorReason, toDriveError } from "../client/drive-error.ts";
import { type CappedBytes, exportDriveFile } from "./drive-bytes.ts";
import { googleMimeTypes, xlsxMimeType } from "./drive-mime-types.ts";
import { cleanExportedText } from "./exported-markdown.ts";
import { parsing } from "./parsing.ts";
import { sheetsToMarkdown } from "./sheet-markdown.ts";

/** Drive refuses exports over 10 MB; a stream past that is not Drive's either. */
const exportCapBytes = 10 * 1024 * 1024;

/** Markdown of a Google file, or the bytes were too many; undefined: not a kind exported here. */
export type GoogleExport = { markdown: string; format: string } | { tooLarge: true } | undefined;

/**
 * Docs → `text/markdown` (falling back to `text/plain` where Markdown export is refused), Sheets →
 * XLSX with every sheet as a table, Slides → `text/plain`. Drive's errors are thrown as they came
 * (the caller maps them: 404 gone, exportSizeLimitExceeded too large…); a workbook that does not
 * open is thrown as corrupt.
 */
export async function readGoogleFile(
  api: drive_v3.Drive,
  fileId: string,
  mimeType: string,
): Promise<GoogleExport> {
  if (mimeType === googleMimeTypes.doc) return exportDoc(api, fileId);
  if (mimeType === googleMimeTypes.slides)
    return asText(await exportDriveFile(api, fileId, "text/plain", exportCapBytes), "text/plain");
  if (mimeType === googleMimeTypes.sheet) {
    const exported = await exportDriveFile(api, fileId, xlsxMimeType, exportCapBytes);
    if ("tooLarge" in exported) return exported;
    const markdown = await parsing("XLSX export", () => sheetsToMarkdown(exported.bytes));
    return { markdown, format: xlsxMimeType };
  }
  return undefined;
}

async function exportDoc(api: drive_v3.Drive, fileId: string): Promise<GoogleExport> {
  try {
    return asText(await exportDriveFile(api, fileId, "text/markdown", exportCapBytes), "text/markdown");
  } catch (error) {
    // A Drive (or proxy) without Markdown export answers 400 or 403 fileNotExportable: plain text then.
    const refused =
      toDriveError(error).code === ErrorCode.InvalidInput || driveErrorReason(error) === "fileNotExportable";
    if (!refused) throw error;
    return asText(await exportDriveFile(api, fileId, "text/plain", exportCapBytes), "text/plain");
  }
}

function asText(exported: CappedBytes, format: string): GoogleExport {
  if ("tooLarge" in exported) return exported;
  return { markdown: cleanExportedText(new TextDecoder().decode(exported.bytes)), format };
}
