import type { WebClient } from "@slack/web-api";
import type { ConversationTurn, ReplyTarget } from "#shared/platform/platform.ts";

/** Per message, so one pasted log can't crowd out the rest of the conversation. */
const maxTurnCharacters = 1_000;

interface ThreadMessage {
  ts?: string;
  text?: string;
  bot_id?: string;
  subtype?: string;
}

/** Slack markup a model doesn't need: mentions and entity escapes. */
function plainText(text: string): string {
  return text
    .replace(/<@[UW][A-Z0-9]+>/g, "")
    .replace(/<(https?:[^|>]+)\|([^>]+)>/g, "$2 ($1)")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&")
    .replace(/\s+/g, " ")
    .trim();
}

/**
 * The thread a follow-up was asked in, as conversation turns: the bot's messages are the
 * assistant's, everyone else's the user's. Only messages before the question count.
 */
export async function threadHistory(
  client: WebClient,
  target: ReplyTarget,
  limit: number,
): Promise<ConversationTurn[]> {
  const channel = target.channelId;
  const threadTs = target.threadId;
  if (!channel || !threadTs || threadTs === target.messageId) return [];
  const response = await client.conversations.replies({ channel, ts: threadTs, limit: 100 });
  const messages = (response.messages ?? []) as ThreadMessage[];
  // Slack timestamps have a fixed number of digits, so string order is time order.
  const before = messages.filter(
    (message) =>
      message.ts !== undefined &&
      (target.messageId === undefined || message.ts < target.messageId) &&
      (message.subtype === undefined || message.subtype === "bot_message"),
  );
  return before
    .map(
      (message): ConversationTurn => ({
        role: message.bot_id ? "assistant" : "user",
        text: plainText(message.text ?? "").slice(0, maxTurnCharacters),
      }),
    )
    .filter((turn) => turn.text !== "" && !/^_?Thinking…_?$/.test(turn.text))
    .slice(-limit);
}
