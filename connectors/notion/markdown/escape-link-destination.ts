/** A URL safe inside Markdown's `(…)` link destination: whitespace, parentheses and angle brackets percent-encoded. */
export function escapeLinkDestination(url: string): string {
  return url.replace(
    /[\s()<>]/g,
    (character) => `%${(character.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(2, "0")}`,
  );
}
