import { extractText, getDocumentProxy, getMeta } from "unpdf";
import { AppError, ErrorCode } from "#shared/errors/app-error.ts";
import { corruptFileError } from "./corrupt-file-error.ts";
import type { ParseContext, ParsedFile } from "./file-parser.ts";
import { parsedFile } from "./file-parser.ts";

type PdfDocument = Awaited<ReturnType<typeof getDocumentProxy>>;

/**
 * PDF → text, one paragraph break between pages. Title from the document info `Title`. A PDF that
 * opens but has no text layer (a scan) fails with a clear message rather than indexing nothing.
 */
export async function parsePdf(bytes: Uint8Array, _context: ParseContext): Promise<ParsedFile> {
  const pdf = await openPdf(bytes);
  try {
    const [{ text: pages, totalPages }, { info }] = await Promise.all([
      extractText(pdf, { mergePages: false }),
      getMeta(pdf),
    ]);
    const content = pages
      .map(normalizePage)
      .filter((page) => page !== "")
      .join("\n\n");
    if (content === "") {
      throw new AppError(ErrorCode.UnsupportedFile, "no extractable text (scanned PDF?)", {
        hint: "run it through OCR (e.g. `ocrmypdf in.pdf out.pdf`) and add the result",
      });
    }
    const metadata: Record<string, unknown> = { pages: totalPages };
    const author = infoString(info, "Author");
    if (author) metadata.author = author;
    return parsedFile(content, infoString(info, "Title"), metadata);
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw corruptFileError("PDF", bytes, error);
  } finally {
    await pdf.loadingTask.destroy();
  }
}

async function openPdf(bytes: Uint8Array): Promise<PdfDocument> {
  try {
    // A plain copy: pdf.js refuses Node Buffers and may take ownership of the array it is given.
    return await getDocumentProxy(new Uint8Array(bytes), { verbosity: 0 });
  } catch (error) {
    if (error instanceof Error && error.name === "PasswordException") {
      throw new AppError(ErrorCode.UnsupportedFile, "password-protected PDF", {
        cause: error,
        hint: "save an unprotected copy",
      });
    }
    throw corruptFileError("PDF", bytes, error);
  }
}

/** pdf.js gives runs of spaces and per-item line ends; keep lines, collapse the rest. */
function normalizePage(text: string): string {
  return text
    .replace(/[^\S\n]+/g, " ")
    .replace(/ ?\n ?/g, "\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

function infoString(info: Record<string, unknown>, key: string): string | undefined {
  const value = info[key];
  if (typeof value !== "string") return undefined;
  const trimmed = value.trim();
  return trimmed === "" ? undefined : trimmed;
}
