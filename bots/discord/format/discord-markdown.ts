import { deepHeadingsToBold } from "./deep-headings.ts";
import { mapProse } from "./fence-spans.ts";
import { tablesToLines } from "./markdown-tables.ts";
import { neutralizeDiscordPings } from "./neutralize-discord-pings.ts";

/**
 * Model Markdown as Discord renders it: kept as Markdown (no conversion), with the two things
 * Discord lacks rewritten outside code (deep headings, tables) and every mention defused.
 */
export function discordMarkdown(markdown: string): string {
  const prose = (segment: string) => tablesToLines(deepHeadingsToBold(segment));
  return neutralizeDiscordPings(mapProse(markdown.replace(/\r\n?/g, "\n"), prose));
}
