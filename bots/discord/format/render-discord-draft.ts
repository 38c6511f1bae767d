import { mentionSafeLength } from "#shared/platform/mention-safe-length.ts";
import { discordMarkdown } from "./discord-markdown.ts";
import { maxDiscordContent } from "./discord-message-part.ts";
import { closeOpenFence } from "./fence-spans.ts";
import { hardCut } from "./message-unit.ts";

const ellipsis = "…";
// Room kept for closing a ``` block the cut leaves open.
const closingRoom = "\n```".length;
/** Shown while nothing showable has arrived yet: Discord refuses an empty message. */
const nothingYet = "…";

/**
 * The answer so far, as the message being rewritten while the model writes: mentions defused
 * (a trailing half-typed "<@12" or "@every" waits for the rest), an unclosed ``` block closed
 * so it renders, and past 2,000 characters the start only, ending in "…".
 */
export function renderDiscordDraft(text: string): string {
  const markdown = discordMarkdown(text.slice(0, mentionSafeLength(text))).trim();
  let draft = closeOpenFence(markdown, { partial: true });
  if (draft.length > maxDiscordContent) {
    const [head = ""] = hardCut(markdown, maxDiscordContent - ellipsis.length - closingRoom);
    draft = closeOpenFence(`${head.trimEnd()}${ellipsis}`, { partial: true });
  }
  return draft === "" ? nothingYet : draft;
}
