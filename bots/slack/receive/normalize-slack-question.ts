import { z } from "zod";
import { questionPayloadSchema } from "#shared/queue/job-catalog.ts";

/** The longest question the queue accepts; longer ones get a short reply instead. */
export const maxQuestionLength = questionPayloadSchema.shape.text.maxLength ?? 4000;

/** Why an event is not a question; stable strings for logs and tests. */
export const IgnoreReason = {
  NotAMessage: "not_a_message",
  Bot: "bot",
  Self: "own_message",
  Subtype: "message_subtype",
  NoUser: "no_user",
} as const;
export type IgnoreReason = (typeof IgnoreReason)[keyof typeof IgnoreReason];

/** Where a message was and who wrote it: enough to reply in its thread and react to it. */
export interface SlackMessagePlace {
  channelId: string;
  /** The thread to reply in: the message's thread, or the message itself when it starts one. */
  threadId: string;
  /** The message's own ts. */
  messageId: string;
  /** Set when the message is a reply inside a thread (`thread_ts`), else undefined. */
  parentThreadTs: string | undefined;
  userId: string;
  teamId: string;
  /** `im` for direct messages; `channel`, `group`, `mpim` otherwise (absent on `app_mention`). */
  channelType: string | undefined;
}

export type NormalizedSlackMessage =
  | {
      kind: "question";
      place: SlackMessagePlace;
      text: string;
      /** Starts with someone else's mention and never names the bot: talk between people. */
      addressedToSomeoneElse: boolean;
    }
  /** Nothing to search for (an empty mention, only emoji, a file without text): explain how to ask. */
  | { kind: "help"; place: SlackMessagePlace }
  | { kind: "too_long"; place: SlackMessagePlace; length: number }
  | { kind: "ignore"; reason: IgnoreReason };

export interface NormalizeContext {
  /** The installation's team (Bolt's `context.teamId`), which routes the reply. */
  teamId: string;
  botUserId?: string | undefined;
}

/** Only the fields read here; anything else Slack adds is dropped. */
const slackMessageEventSchema = z.object({
  type: z.enum(["app_mention", "message"]),
  subtype: z.string().nullish(),
  text: z.string().nullish(),
  user: z.string().nullish(),
  bot_id: z.string().nullish(),
  ts: z.string().min(1),
  thread_ts: z.string().nullish(),
  channel: z.string().min(1),
  channel_type: z.string().nullish(),
});

/** Subtypes still written by a person: a file with a comment, a thread reply also sent to the channel. */
const personSubtypes = new Set(["file_share", "thread_broadcast"]);

/**
 * Turns an `app_mention` or `message` event into a question, a reason to answer with a hint, or
 * a reason to ignore it. Pure: whether a `message` belongs to a followed thread is decided by the
 * caller.
 */
export function normalizeSlackQuestion(event: unknown, context: NormalizeContext): NormalizedSlackMessage {
  const parsed = slackMessageEventSchema.safeParse(event);
  if (!parsed.success) return { kind: "ignore", reason: IgnoreReason.NotAMessage };
  const message = parsed.data;

  if (message.bot_id || message.subtype === "bot_message")
    return { kind: "ignore", reason: IgnoreReason.Bot };
  if (message.subtype && !personSubtypes.has(message.subtype)) {
    return { kind: "ignore", reason: IgnoreReason.Subtype };
  }
  if (!message.user) return { kind: "ignore", reason: IgnoreReason.NoUser };
  if (context.botUserId !== undefined && message.user === context.botUserId) {
    return { kind: "ignore", reason: IgnoreReason.Self };
  }

  const place: SlackMessagePlace = {
    channelId: message.channel,
    threadId: message.thread_ts ?? message.ts,
    messageId: message.ts,
    parentThreadTs: message.thread_ts ?? undefined,
    userId: message.user,
    teamId: context.teamId,
    channelType: message.channel_type ?? undefined,
  };
  const raw = message.text ?? "";
  const text = cleanText(raw, context.botUserId);
  if (!hasWords(text)) return { kind: "help", place };
  if (text.length > maxQuestionLength) return { kind: "too_long", place, length: text.length };
  return {
    kind: "question",
    place,
    text,
    addressedToSomeoneElse: addressedToSomeoneElse(raw, context.botUserId),
  };
}

/** `<@U123>` or `<@U123|name>`. */
const userMention = String.raw`<@([A-Z0-9]+)(?:\|[^>]*)?>`;
const leadingMentions = new RegExp(String.raw`^(?:\s*${userMention}[\s,:;]*)+`);

function cleanText(raw: string, botUserId: string | undefined): string {
  let text = raw;
  // The bot's own mention says nothing about the question, wherever it stands.
  if (botUserId !== undefined) {
    text = text.replace(new RegExp(userMention, "g"), (mention, id: string) =>
      id === botUserId ? " " : mention,
    );
  }
  // "@alice @sabio how…": mentions in front only say who is addressed.
  text = text.replace(leadingMentions, "");
  return collapseWhitespace(decodeEntities(text));
}

/** Slack escapes only these three; `&amp;` last so "&amp;lt;" stays the literal text "&lt;". */
function decodeEntities(text: string): string {
  return text.replaceAll("&lt;", "<").replaceAll("&gt;", ">").replaceAll("&amp;", "&");
}

/** Runs of spaces become one; line breaks survive (code and lists in a question keep their shape). */
function collapseWhitespace(text: string): string {
  return text
    .replace(/[^\S\n]+/g, " ")
    .replace(/ ?\n ?/g, "\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

/** Emoji (`:tada:` or pictographs) and punctuation alone are too little to search for. */
function hasWords(text: string): boolean {
  return /[\p{L}\p{N}]/u.test(text.replace(/:[a-z0-9_+'-]+:/gi, ""));
}

function addressedToSomeoneElse(raw: string, botUserId: string | undefined): boolean {
  if (!new RegExp(String.raw`^\s*${userMention}`).test(raw)) return false;
  const mentioned = [...raw.matchAll(new RegExp(userMention, "g"))].map((match) => match[1]);
  return botUserId === undefined || !mentioned.includes(botUserId);
}
