/**
 * The answer's citations ([n], [n, m], [n][m]) moved to the new numbers of their passages; a number
 * with no new place (an invented citation) is left as written.
 */
export function renumberCitations(text: string, newNumbers: ReadonlyMap<number, number>): string {
  return text.replace(/\[(\d+(?:\s*,\s*\d+)*)\]/g, (citation) =>
    citation.replace(/\d+/g, (digits) => String(newNumbers.get(Number(digits)) ?? digits)),
  );
}
