import { readFile } from "node:fs/promises";
import { basename, resolve } from "node:path";
import { AppError, ErrorCode, errorMessage, isAppError } from "#shared/errors/app-error.ts";
import type { SourceDocument } from "#shared/knowledge/document.ts";
import { mapConcurrently } from "./map-concurrently.ts";
import { fileExtension, parserForPath } from "./parser-for-path.ts";
import { publishedUrl } from "./published-url.ts";
import { resolveDocumentLinks, siteLinks } from "./resolve-document-links.ts";
import type { ScannedFile } from "./scan-folder.ts";
import { scanFolder } from "./scan-folder.ts";
import { titleFromPath } from "./title-from-path.ts";

export const FILES_SOURCE = "files";
export const DEFAULT_MAX_FILE_BYTES = 20 * 1024 * 1024;
const DEFAULT_CONCURRENCY = 8;

export interface ReadFolderOptions {
  workspaceId: string;
  /** Larger files fail with `file_too_large` without being read. Default 20 MB. */
  maxFileBytes?: number;
  /** Extra file/folder names to leave out (dot-entries and node_modules always are). */
  ignore?: readonly string[];
  /** Files read and parsed at once. Default 8. */
  concurrency?: number;
  /** Called once per scanned file, after it is handled, whatever the outcome. */
  onProgress?: (progress: FolderProgress) => void;
  /** Reads a file's bytes; the file system by default (tests pass failures root can't produce). */
  readBytes?: (absolutePath: string) => Promise<Uint8Array>;
  /** What a citation path starts with when there is no base URL; the folder's name by default. */
  pathPrefix?: string;
  /** The published docs site: each file's URL becomes its page there (see publishedUrl). */
  baseUrl?: URL;
}

export interface FolderProgress {
  done: number;
  total: number;
  path: string;
}

export interface SkippedFile {
  path: string;
  reason: string;
}

export interface FailedFile {
  path: string;
  error: AppError;
}

export interface FolderRead {
  /** In relative-path order. */
  documents: SourceDocument[];
  /** Left out on purpose (unsupported type, empty, symlink outside the folder…). */
  skipped: SkippedFile[];
  /** Could not be read or parsed; every other file is still returned. */
  failed: FailedFile[];
}

type Outcome =
  | { kind: "document"; document: SourceDocument }
  | { kind: "skipped"; reason: string }
  | { kind: "failed"; error: AppError };

/**
 * Reads every supported file under `root` into `SourceDocument`s. One bad file never stops the
 * rest: it lands in `failed` with a coded error. `externalId` is the relative path; `url` is that
 * path prefixed with the folder's name ("handbook/pages/about.md"), readable in a citation and the
 * same on every machine, unlike an absolute `file://` URL.
 */
export async function readFolderDocuments(root: string, options: ReadFolderOptions): Promise<FolderRead> {
  const scanOptions = options.ignore === undefined ? {} : { ignore: options.ignore };
  const scan = await scanFolder(root, scanOptions);
  const folderName = options.pathPrefix ?? basename(resolve(root));
  const total = scan.files.length;
  let done = 0;

  const outcomes = await mapConcurrently(
    scan.files,
    options.concurrency ?? DEFAULT_CONCURRENCY,
    async (file) => {
      const outcome = await readDocument(file, folderName, options);
      done += 1;
      options.onProgress?.({ done, total, path: file.relativePath });
      return outcome;
    },
  );

  const result: FolderRead = { documents: [], skipped: [...scan.skipped], failed: [] };
  outcomes.forEach((outcome, index) => {
    const path = scan.files[index]?.relativePath ?? "";
    if (outcome.kind === "document") result.documents.push(outcome.document);
    else if (outcome.kind === "skipped") result.skipped.push({ path, reason: outcome.reason });
    else result.failed.push({ path, error: outcome.error });
  });
  // Links between the folder's pages point at their citation URLs (needs every document read first).
  const site = siteLinks(
    result.documents.map((document) => ({
      relativePath: document.externalId,
      url: document.url,
      ...(document.metadata ? { metadata: document.metadata } : {}),
    })),
    folderName,
    options.baseUrl,
  );
  for (const document of result.documents) {
    document.content = resolveDocumentLinks(document.content, document.externalId, site);
  }
  result.skipped.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return result;
}

async function readDocument(
  file: ScannedFile,
  folderName: string,
  options: ReadFolderOptions,
): Promise<Outcome> {
  const parse = parserForPath(file.relativePath);
  if (parse === undefined) {
    const extension = fileExtension(file.relativePath);
    return {
      kind: "skipped",
      reason: `unsupported type ${extension === "" ? "(no extension)" : extension}`,
    };
  }
  const maxFileBytes = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  if (file.size > maxFileBytes) {
    const error = new AppError(
      ErrorCode.FileTooLarge,
      `file is ${formatBytes(file.size)}, over the ${formatBytes(maxFileBytes)} limit`,
      { hint: "split the file, or raise the files connector's maxFileBytes" },
    );
    return { kind: "failed", error };
  }
  try {
    const bytes = await (options.readBytes ?? readFile)(file.absolutePath);
    const parsed = await parse(bytes, { relativePath: file.relativePath });
    if (parsed.content.trim() === "") return { kind: "skipped", reason: "no text in the file" };
    const document: SourceDocument = {
      workspaceId: options.workspaceId,
      source: FILES_SOURCE,
      externalId: file.relativePath,
      title: parsed.title ?? titleFromPath(file.relativePath),
      url: options.baseUrl
        ? publishedUrl(file.relativePath, options.baseUrl, parsed.metadata)
        : folderName === ""
          ? file.relativePath
          : `${folderName}/${file.relativePath}`,
      updatedAt: file.modifiedAt,
      content: parsed.content,
    };
    if (parsed.metadata !== undefined) document.metadata = parsed.metadata;
    return { kind: "document", document };
  } catch (error) {
    return { kind: "failed", error: toAppError(error) };
  }
}

/** File-system and library errors → the app's coded errors, keeping the original as `cause`. */
function toAppError(error: unknown): AppError {
  if (isAppError(error)) return error;
  const code = error instanceof Error && "code" in error ? error.code : undefined;
  if (code === "EACCES" || code === "EPERM") {
    return new AppError(ErrorCode.InvalidInput, "permission denied", {
      cause: error,
      hint: "let the user running Sabio read this file",
    });
  }
  if (code === "ENOENT")
    return new AppError(ErrorCode.NotFound, "file disappeared during the scan", { cause: error });
  if (code === "EISDIR")
    return new AppError(ErrorCode.InvalidInput, "is a folder, not a file", { cause: error });
  return new AppError(ErrorCode.Internal, `could not read file: ${errorMessage(error)}`, { cause: error });
}

function formatBytes(bytes: number): string {
  const megabytes = bytes / (1024 * 1024);
  return megabytes >= 1 ? `${Number(megabytes.toFixed(1))} MB` : `${Math.ceil(bytes / 1024)} KB`;
}
