/** Cuts text to at most `maxChars` characters (code points, never half an emoji), ending in "…". */
export function shortenText(text: string, maxChars: number): string {
  const characters = Array.from(text);
  if (characters.length <= maxChars) return text;
  return `${characters
    .slice(0, maxChars - 1)
    .join("")
    .trimEnd()}…`;
}
