/** What every `parse-<type>.ts` receives besides the bytes: enough to name the file in messages. */
export interface ParseContext {
  /** Path inside the scanned folder, posix separators. */
  relativePath: string;
}

/** A parser's output; the folder reader adds the title fallback, dates and ids. */
export interface ParsedFile {
  title?: string;
  /** Markdown body: what gets chunked and indexed. */
  content: string;
  /** Small structured facts (front matter, PDF page count), kept but not embedded. */
  metadata?: Record<string, unknown>;
}

export type FileParser = (bytes: Uint8Array, context: ParseContext) => Promise<ParsedFile>;

/** Builds a `ParsedFile` without writing `undefined` into optional fields (exactOptionalPropertyTypes). */
export function parsedFile(
  content: string,
  title: string | undefined,
  metadata?: Record<string, unknown>,
): ParsedFile {
  const parsed: ParsedFile = { content };
  if (title) parsed.title = title;
  if (metadata && Object.keys(metadata).length > 0) parsed.metadata = metadata;
  return parsed;
}
