const zeroWidthSpace = "\u200B";

/**
 * Makes text unable to ping or to render as a mention: "@everyone" and "@here" (anywhere, any
 * case: Discord finds them inside words too) become "@\u200Beveryone", and <@id>, <@!id>,
 * <@&role>, <#channel> become "<@\u200Bid>" and so on, which Discord shows as plain text. The
 * sender also sets allowedMentions { parse: [] }; this keeps the text from even looking like a
 * ping. Runs over code too (Discord parses mentions in the raw content). Safe to run twice.
 */
export function neutralizeDiscordPings(text: string): string {
  return text
    .replace(/@(?=everyone|here)/gi, `@${zeroWidthSpace}`)
    .replace(/<(@[!&]?|#)(?=\d)/g, `<$1${zeroWidthSpace}`);
}
