/** Beyond this, a "<" without its ">" is taken for plain text (a comparison, not a mention). */
const longestMention = 64;

/**
 * How much of streamed text can go out now without cutting a possible mention in two. Streamed
 * pieces are appended for good, and neutralizePings only recognises `<!channel>` or `@here` whole,
 * so a trailing "<…" without its ">" or a trailing "@word" waits for the next piece.
 */
export function mentionSafeLength(text: string): number {
  let safe = text.length;
  const open = text.lastIndexOf("<");
  if (open !== -1 && !text.includes(">", open) && text.length - open <= longestMention) safe = open;
  const at = /@[\w.-]*$/.exec(text);
  if (at && at.index < safe) safe = at.index;
  return safe;
}
