import { MessageType } from "discord.js";
import { questionPayloadSchema } from "#shared/queue/job-catalog.ts";

/** The longest question the queue accepts (as for Slack); longer ones get a short reply instead. */
export const maxQuestionLength = questionPayloadSchema.shape.text.maxLength ?? 4000;

/** Why a message is not a question; stable strings for logs and tests. */
export const IgnoreReason = {
  Bot: "bot",
  Webhook: "webhook",
  System: "system_message",
} as const;
export type IgnoreReason = (typeof IgnoreReason)[keyof typeof IgnoreReason];

/** Only what the decision needs, read off a discord.js Message by the caller. */
export interface DiscordMessageFacts {
  content: string;
  type: MessageType;
  authorIsBot: boolean;
  webhookId: string | null;
  /** discord.js's `message.system`: joins, pins, "started a thread"… */
  system: boolean;
}

export type NormalizedDiscordMessage =
  | {
      kind: "question";
      text: string;
      /** Starts with someone else's mention and never names the bot: talk between people. */
      addressedToSomeoneElse: boolean;
    }
  /** Nothing to search for (an empty mention, only emoji, unreadable content): explain how to ask. */
  | { kind: "help" }
  | { kind: "too_long"; length: number }
  | { kind: "ignore"; reason: IgnoreReason };

const questionTypes = new Set<MessageType>([MessageType.Default, MessageType.Reply]);

/**
 * Turns a message into a question, a reason to answer with a hint, or a reason to ignore it. Pure:
 * whether a guild message is meant for the bot (a mention, a thread Sabio answers in) is the
 * caller's to decide.
 */
export function normalizeDiscordQuestion(
  message: DiscordMessageFacts,
  botUserId: string,
): NormalizedDiscordMessage {
  // Other bots included: two bots answering each other would never stop.
  if (message.authorIsBot) return { kind: "ignore", reason: IgnoreReason.Bot };
  if (message.webhookId) return { kind: "ignore", reason: IgnoreReason.Webhook };
  if (message.system || !questionTypes.has(message.type))
    return { kind: "ignore", reason: IgnoreReason.System };

  const text = cleanText(message.content, botUserId);
  if (!hasWords(text)) return { kind: "help" };
  if (text.length > maxQuestionLength) return { kind: "too_long", length: text.length };
  return {
    kind: "question",
    text,
    addressedToSomeoneElse: addressedToSomeoneElse(message.content, botUserId),
  };
}

/** `<@id>` or the older nickname form `<@!id>`. */
const userMention = String.raw`<@!?(\d{15,25})>`;
const leadingMentions = new RegExp(String.raw`^(?:\s*${userMention}[\s,:;]*)+`);

function cleanText(raw: string, botUserId: string): string {
  // The bot's own mention says nothing about the question, wherever it stands.
  const text = raw.replace(new RegExp(userMention, "g"), (mention, id: string) =>
    id === botUserId ? " " : mention,
  );
  return collapseWhitespace(text.replace(leadingMentions, ""));
}

/** Runs of spaces become one; line breaks survive (code and lists keep their shape). */
function collapseWhitespace(text: string): string {
  return text
    .replace(/[^\S\n]+/g, " ")
    .replace(/ ?\n ?/g, "\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

/** Custom emoji (`<:name:id>`, `<a:name:id>`), `:shortcodes:`, pictographs and punctuation are not words. */
function hasWords(text: string): boolean {
  const withoutEmoji = text.replace(/<a?:\w+:\d+>/g, "").replace(/:[a-z0-9_+'-]+:/gi, "");
  return /[\p{L}\p{N}]/u.test(withoutEmoji);
}

function addressedToSomeoneElse(raw: string, botUserId: string): boolean {
  if (!new RegExp(String.raw`^\s*${userMention}`).test(raw)) return false;
  const mentioned = [...raw.matchAll(new RegExp(userMention, "g"))].map((match) => match[1]);
  return !mentioned.includes(botUserId);
}
