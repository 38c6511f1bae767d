import type { APIActionRowComponent, APIButtonComponent } from "discord.js";

/** Discord refuses a message whose content is longer than this. */
export const maxDiscordContent = 2_000;

/** One Discord message of a reply: what a send or an edit carries (allowedMentions is the sender's). */
export interface DiscordMessagePart {
  /** At most 2,000 characters, never empty. */
  content: string;
  /** [] when there are no buttons. */
  components: APIActionRowComponent<APIButtonComponent>[];
  /** MessageFlags.SuppressEmbeds: links in answers and sources never unfurl. */
  flags: number;
}
