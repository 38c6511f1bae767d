import { MessageFlags } from "discord.js";
import { shortenText } from "#shared/text/shorten-text.ts";
import type { DiscordMessagePart } from "./discord-message-part.ts";
import { neutralizeDiscordPings } from "./neutralize-discord-pings.ts";

const maxErrorChars = 500;
const fallback = "Sorry, something went wrong. Please try again in a moment.";

/** The friendly failure line the asker sees instead of an answer: one short line, no buttons. */
export function renderDiscordError(text: string): DiscordMessagePart {
  const line = shortenText(text.replace(/\s+/g, " ").trim(), maxErrorChars) || fallback;
  return { content: `⚠️ ${neutralizeDiscordPings(line)}`, components: [], flags: MessageFlags.SuppressEmbeds };
}
