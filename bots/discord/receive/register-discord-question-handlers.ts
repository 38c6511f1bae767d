import { type Client, Events, type Message } from "discord.js";
import type { Redis } from "ioredis";
import { errorMessage } from "#shared/errors/app-error.ts";
import type { Logger } from "#shared/log/logger.ts";
import type { Producer } from "#shared/queue/enqueue.ts";
import type { JobPayloadInput } from "#shared/queue/job-catalog.ts";
import type { OutboxProducer } from "#shared/queue/outbox-producer.ts";
import { type DiscordWorkspaceSettings, discordWorkspaceFor } from "../discord-workspace.ts";
import { claimDiscordEvent, releaseDiscordEvent } from "./discord-message-claim.ts";
import { enqueueDiscordQuestion } from "./enqueue-discord-question.ts";
import { type NormalizedDiscordMessage, normalizeDiscordQuestion } from "./normalize-discord-question.ts";
import { openAnswerThread } from "./open-answer-thread.ts";
import {
  helpText,
  keptText,
  mentionForFollowUpsText,
  tooLongText,
  unavailableText,
} from "./question-reply-texts.ts";
import { replyToQuestion } from "./reply-to-question.ts";
import { isSabioThread, markSabioThread } from "./sabio-threads.ts";
import { sharedGuildIds } from "./shared-guild-ids.ts";
import { showSeen } from "./show-seen.ts";

export interface DiscordQuestionHandlerOptions {
  producer: Producer;
  /** Keeps a question Redis cannot take in the database (`createOutboxProducer`); else the asker retries. */
  outbox?: OutboxProducer | undefined;
  /** For claims and Sabio's threads; the producer's connection will do. */
  redis: Redis;
  /** Prefix of the claim and thread keys (QUEUE_PREFIX; tests pass a random one). */
  keyPrefix?: string | undefined;
  workspace: DiscordWorkspaceSettings;
  /** The client was given the Message Content intent (DISCORD_MESSAGE_CONTENT). */
  messageContent: boolean;
  logger: Logger;
  now?: () => Date;
}

export interface DiscordQuestionHandlers {
  /** Resolves once every message being handled, reactions included, has finished (shutdown, tests). */
  whenIdle(): Promise<void>;
  /** Takes no new messages and waits for those in hand: before the client goes (shutdown). */
  stop(): Promise<void>;
}

/** Where the answer goes: the thread (new or the one asked in), else the channel itself. */
interface AnswerPlace {
  channelId: string;
  threadId: string | undefined;
}

/**
 * Questions reach the bot three ways: a mention in a guild channel (the bot opens a thread on it),
 * a message in a thread Sabio answers in (no mention needed, when it can read it), and a DM. Each
 * is claimed once in Redis (two processes on one token, RESUME replays), acknowledged at once
 * (👀 and typing, not awaited) and enqueued for the answer worker. Nothing here calls the model.
 */
export function registerDiscordQuestionHandlers(
  client: Client,
  options: DiscordQuestionHandlerOptions,
): DiscordQuestionHandlers {
  const { logger, redis } = options;
  const keys = { keyPrefix: options.keyPrefix };
  const now = options.now ?? (() => new Date());
  const pending = new Set<Promise<unknown>>();
  let stopped = false;

  /** Keeps work that outlives its listener (reactions, typing) visible to `whenIdle`. */
  function track<T>(work: Promise<T>): Promise<T> {
    pending.add(work);
    const forget = () => pending.delete(work);
    void work.then(forget, forget);
    return work;
  }

  client.on(Events.MessageCreate, (message) => {
    if (stopped) return;
    void track(
      handle(message).catch((error: unknown) => {
        logger.error({ messageId: message.id, err: errorMessage(error) }, "could not handle discord message");
      }),
    );
  });

  async function handle(message: Message): Promise<void> {
    const botUserId = client.user?.id;
    if (!botUserId) return;
    const log = logger.child({ messageId: message.id, channelId: message.channelId });
    const normalized = normalizeDiscordQuestion(
      {
        content: message.content,
        type: message.type,
        authorIsBot: message.author.bot,
        webhookId: message.webhookId,
        system: message.system,
      },
      botUserId,
    );
    if (normalized.kind === "ignore") {
      log.debug({ reason: normalized.reason }, "discord message ignored");
      return;
    }
    if (!(await isMeantForBot(message, normalized, botUserId))) return;

    let claim: "claimed" | "duplicate" | "redis_down";
    try {
      claim = (await claimDiscordEvent(redis, message.id, keys)) ? "claimed" : "duplicate";
    } catch (error) {
      log.warn({ err: errorMessage(error) }, "could not claim discord message; redis unavailable?");
      claim = "redis_down";
    }
    if (claim === "duplicate") {
      log.info("duplicate discord delivery ignored");
      return;
    }
    if (normalized.kind === "help") {
      await replyToQuestion(message, helpText(botUserId, options.messageContent), log);
      return;
    }
    if (normalized.kind === "too_long") {
      log.info({ length: normalized.length }, "discord question too long");
      await replyToQuestion(message, tooLongText(normalized.length), log);
      return;
    }

    // Not awaited: the thread and the enqueue never wait for the reaction.
    if (claim === "claimed") void track(showSeen(message, log));
    const place = await answerPlace(message, normalized.text, log);
    const question = await questionPayload(message, place, normalized.text);
    const outcome = await enqueueDiscordQuestion(question, options, log);
    if (outcome === "failed") {
      if (claim === "claimed") await releaseDiscordEvent(redis, message.id, keys).catch(() => {});
      await replyToQuestion(message, unavailableText, log);
      return;
    }
    if (claim === "redis_down") {
      // No Redis claim: the outbox row's key (the question's dedupe id) said whether this is the first.
      if (outcome === "duplicate") {
        log.info("duplicate discord delivery ignored");
        return;
      }
      void track(showSeen(message, log));
    }
    if (outcome === "kept") await replyToQuestion(message, keptText, log);
    if (place.threadId) {
      await markSabioThread(redis, place.threadId, keys).catch((error: unknown) => {
        // Redis down: follow-ups without a mention are missed until the next answered mention.
        log.warn({ err: errorMessage(error) }, "could not mark the thread as Sabio's");
      });
    }
  }

  /**
   * A DM is always for the bot. In a guild: a mention of the bot itself (not @everyone or a role),
   * or a readable message in a thread Sabio answers in that is not talk addressed to someone else.
   */
  async function isMeantForBot(
    message: Message,
    normalized: Exclude<NormalizedDiscordMessage, { kind: "ignore" }>,
    botUserId: string,
  ): Promise<boolean> {
    if (!message.inGuild()) return true;
    if (message.mentions.users.has(botUserId)) return true;
    if (!message.channel.isThread()) return false;
    // Without Message Content an unmentioned message arrives blank: nothing to answer.
    if (normalized.kind === "help") return false;
    if (normalized.kind === "question" && normalized.addressedToSomeoneElse) return false;
    return isSabioThread(redis, message.channelId, keys);
  }

  /** A new thread on a channel mention; the thread itself when asked in one; the DM as it is. */
  async function answerPlace(message: Message, question: string, log: Logger): Promise<AnswerPlace> {
    if (!message.inGuild()) return { channelId: message.channelId, threadId: undefined };
    if (message.channel.isThread()) return { channelId: message.channelId, threadId: message.channelId };
    const threadId = await openAnswerThread(message, question, log);
    if (!threadId) return { channelId: message.channelId, threadId: undefined };
    if (!options.messageContent) {
      const thread = client.channels.cache.get(threadId);
      if (thread?.isSendable()) {
        await thread
          .send({ content: mentionForFollowUpsText, allowedMentions: { parse: [] } })
          .catch((error: unknown) =>
            log.warn({ err: errorMessage(error) }, "could not post the mention notice"),
          );
      }
    }
    return { channelId: threadId, threadId };
  }

  /** The job for the answer worker (see the design's conventions for the ids). */
  async function questionPayload(
    message: Message,
    place: AnswerPlace,
    text: string,
  ): Promise<JobPayloadInput<"questions">> {
    const guildId = message.guildId ?? undefined;
    const workspaceId = await discordWorkspaceFor(
      { guildId, userId: message.author.id, sharedGuildIds: (userId) => sharedGuildIds(client, userId) },
      options.workspace,
    );
    return {
      workspaceId,
      platform: "discord",
      eventId: message.id,
      channelId: place.channelId,
      ...(place.threadId ? { threadId: place.threadId } : {}),
      messageId: message.id,
      userId: message.author.id,
      ...(guildId ? { teamId: guildId } : {}),
      text,
      receivedAt: now().toISOString(),
    };
  }

  async function whenIdle(): Promise<void> {
    while (pending.size > 0) await Promise.allSettled([...pending]);
  }
  return {
    whenIdle,
    async stop() {
      stopped = true;
      await whenIdle();
    },
  };
}
