import { type APIChannel, type APIMessage, MessageType, type REST, Routes } from "discord.js";
import type { ConversationTurn, ReplyTarget } from "#shared/platform/platform.ts";

/** Per message, so one pasted log can't crowd out the rest of the conversation. */
const maxTurnCharacters = 1_000;

/** Discord markup a model doesn't need: mentions, Sabio's sources list, review and note lines. */
function plainText(content: string): string {
  return content
    .split("\n")
    .filter((line) => !/^\[\d+\] /.test(line) && !line.startsWith("-# ") && !/^(✅|👍)/u.test(line))
    .join("\n")
    .replace(/<@[!&]?\d+>/g, "")
    .replace(/\s+/g, " ")
    .trim();
}

const spoken = (message: APIMessage) =>
  message.type === MessageType.Default || message.type === MessageType.Reply;

/**
 * The thread a follow-up was asked in, as conversation turns, oldest first: the bot's messages are
 * the assistant's, everyone else's the user's, only messages before the question. A thread started
 * on a question holds everything but that question, which stays in the parent channel: it leads.
 */
export async function discordThreadHistory(
  rest: REST,
  botUserId: () => Promise<string>,
  target: ReplyTarget,
  limit: number,
): Promise<ConversationTurn[]> {
  const threadId = target.threadId;
  if (!threadId || !target.messageId || threadId === target.messageId) return [];
  const query = new URLSearchParams({ before: target.messageId, limit: String(Math.min(100, limit * 2)) });
  const newestFirst = (await rest.get(Routes.channelMessages(threadId), { query })) as APIMessage[];
  const messages = newestFirst.filter(spoken).reverse();
  if (newestFirst.length < limit * 2) {
    const starter = await threadStarter(rest, threadId);
    if (starter) messages.unshift(starter);
  }
  const bot = await botUserId();
  return messages
    .map(
      (message): ConversationTurn => ({
        role: message.author.id === bot ? "assistant" : "user",
        text: plainText(message.content).slice(0, maxTurnCharacters),
      }),
    )
    .filter((turn) => turn.text !== "" && turn.text !== "Thinking…")
    .slice(-limit);
}

/** The message a thread was started on (same id as the thread), or nothing for a thread of its own. */
async function threadStarter(rest: REST, threadId: string): Promise<APIMessage | undefined> {
  try {
    const thread = (await rest.get(Routes.channel(threadId))) as APIChannel & { parent_id?: string | null };
    if (!thread.parent_id) return undefined;
    return (await rest.get(Routes.channelMessage(thread.parent_id, threadId))) as APIMessage;
  } catch {
    // A thread not started on a message (or a starter since deleted): the thread alone is the history.
    return undefined;
  }
}
