/**
 * Text from configuration or documents (source names, questions) shown as it is: Markdown
 * characters escaped and mentions broken, so it can neither format nor ping (allowedMentions
 * already stops pings; this keeps `@everyone` from even looking like one).
 */
export function plainDiscordText(text: string): string {
  return text
    .replace(/[\\*_~`|>[\]]/g, (character) => `\\${character}`)
    .replace(/@(everyone|here)/g, "@\u200b$1")
    .replace(/<(@[!&]?|#)(\d+)>/g, "<$1\u200b$2>");
}
