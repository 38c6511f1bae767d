import { AppError, ErrorCode } from "#shared/errors/app-error.ts";

export type DocumentFormat = "DOCX" | "PDF";

/**
 * A parser library's failure in our words. Their messages are written for their own developers
 * ("is this a zip file ? If it is, see https://stuk.github.io/…", "Invalid PDF structure."): the
 * person reading an ingest report needs to know the file is broken and what to do. The library's
 * error stays the `cause`, for debug logs.
 */
export function corruptFileError(format: DocumentFormat, bytes: Uint8Array, cause: unknown): AppError {
  const hint =
    format === "DOCX"
      ? "open it in Word (or LibreOffice) and save it again as .docx, or remove it from the folder"
      : "open it in a PDF viewer and export or print it to a new PDF, or remove it from the folder";
  if (bytes.byteLength === 0) {
    return new AppError(ErrorCode.CorruptFile, "the file is empty (0 bytes; it may still be being written)", {
      cause,
      hint: "ingest again once it has been saved",
    });
  }
  const message =
    format === "DOCX" && notAWordDocument(cause)
      ? "not a Word document: a ZIP archive without a document inside (renamed from another type?)"
      : `not a valid ${format} file (it may be corrupt or still being written)`;
  return new AppError(ErrorCode.CorruptFile, message, { cause, hint });
}

/** mammoth opened the ZIP but found no word/document.xml: an .xlsx, .pptx or plain .zip renamed. */
function notAWordDocument(cause: unknown): boolean {
  return cause instanceof Error && /main document part/i.test(cause.message);
}
