/**
 * Escapes the characters that would change the meaning of plain text inside Markdown: emphasis,
 * code, links, HTML, and block markers (heading, quote, list, setext underline) at the start of a
 * line. Underscores inside words (snake_case) are left alone: they never start emphasis.
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/[\\`*~[\]<>]/g, "\\$&")
    .replace(/(?<![\p{L}\p{N}])_|_(?![\p{L}\p{N}])/gu, "\\_")
    .replace(
      /^([ \t]*)(#{1,6}(?=\s|$)|[-+](?=\s)|[-=]+(?=[ \t]*$)|\d{1,9}(?=[.)](?:\s|$)))/gm,
      (_match, space: string, marker: string) =>
        /^\d/.test(marker) ? `${space}${marker}\\` : `${space}\\${marker}`,
    );
}
