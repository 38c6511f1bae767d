import { AppError, ErrorCode } from "#shared/errors/app-error.ts";

// Decoders are reusable: `decode` without `stream` starts fresh each call.
const utf8 = new TextDecoder("utf-8", { fatal: true }); // fatal: invalid bytes throw instead of becoming U+FFFD
const windows1252 = new TextDecoder("windows-1252"); // WHATWG maps "latin1" here too: a superset of ISO-8859-1
const utf16le = new TextDecoder("utf-16le");
const utf16be = new TextDecoder("utf-16be");

/**
 * Bytes of a text file → string. UTF-8 first (BOM stripped); bytes that are not valid UTF-8 are
 * read as windows-1252, so older Spanish/Latin-1 files ("canción") come out right instead of
 * as replacement characters. UTF-16 is recognised only by its BOM. NUL bytes mean the file is
 * binary whatever its extension says. Line endings come out as "\n", so parsers match one form.
 */
export function decodeText(bytes: Uint8Array): string {
  return normalizeLineEndings(decodeBytes(bytes));
}

function decodeBytes(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return utf16le.decode(bytes);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return utf16be.decode(bytes);
  if (bytes.indexOf(0) !== -1) {
    throw new AppError(ErrorCode.CorruptFile, "binary content (NUL bytes) in a text file", {
      hint: "check the file is really text, or rename it to its real extension",
    });
  }
  try {
    return utf8.decode(bytes);
  } catch {
    return windows1252.decode(bytes);
  }
}

function normalizeLineEndings(text: string): string {
  return text.includes("\r") ? text.replace(/\r\n?/g, "\n") : text;
}
