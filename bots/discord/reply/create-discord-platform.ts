import { type REST, Routes } from "discord.js";
import type { DiscordMessagePart } from "#bots/discord/format/discord-message-part.ts";
import { renderDiscordAnswer } from "#bots/discord/format/render-discord-answer.ts";
import { renderDiscordError } from "#bots/discord/format/render-discord-error.ts";
import type { InteractionTokens } from "#bots/discord/interaction-tokens.ts";
import { AppError, ErrorCode, errorMessage } from "#shared/errors/app-error.ts";
import type { Logger } from "#shared/log/logger.ts";
import { createDraftReply } from "#shared/platform/draft-reply.ts";
import type { Platform, ReplyHandle, ReplyTarget } from "#shared/platform/platform.ts";
import { createChannelPacer } from "./channel-pacer.ts";
import { isGoneMessage } from "./discord-app-error.ts";
import {
  channelConversation,
  type DiscordConversation,
  interactionConversation,
} from "./discord-conversation.ts";
import {
  type DiscordReplyHandle,
  discordReplyHandle,
  readDiscordReplyHandle,
} from "./discord-reply-handle.ts";
import { discordThreadHistory } from "./discord-thread-history.ts";
import { liveDiscordMessage, thinkingPart } from "./live-discord-message.ts";

export interface DiscordPlatformOptions {
  /** discord.js REST with the bot token (it waits out 429s per `retry_after` and retries 5xx). */
  rest: REST;
  /** Where `/ask` keeps its interaction token for the worker. */
  interactionTokens: InteractionTokens;
  logger: Logger;
  /** For the interaction webhook routes; read once from `GET /applications/@me` when left out. */
  applicationId?: string;
  now?: () => number;
  /** Shortest time between two draft edits of one reply, and of one channel (Discord: ~5 per 5 s). */
  updateIntervalMs?: number;
}

/** Once, lazily: a worker that never answers on Discord never calls. */
function memo(load: () => Promise<string>): () => Promise<string> {
  let value: Promise<string> | undefined;
  return () => {
    value ??= load().catch((error: unknown) => {
      value = undefined;
      throw error;
    });
    return value;
  };
}

/**
 * Discord's side of the Platform interface: a mention's answer goes into its thread (or replies to
 * the question in the channel when there is none), a DM's into the DM, an `/ask` answer into the
 * command's deferred response. The first message exists, and its handle is recorded, before the
 * first token; drafts are edits at most about once a second per channel; the answer then replaces
 * the draft, split over several messages when long. Pings are off everywhere.
 */
export function createDiscordPlatform(options: DiscordPlatformOptions): Platform {
  const { rest, logger } = options;
  const now = options.now ?? Date.now;
  const updateIntervalMs = options.updateIntervalMs ?? 1_000;
  const pacer = createChannelPacer({ intervalMs: updateIntervalMs, now });
  const applicationId = options.applicationId
    ? async () => options.applicationId as string
    : memo(async () => ((await rest.get(Routes.currentApplication())) as { id: string }).id);
  const botUserId = memo(async () => ((await rest.get(Routes.user())) as { id: string }).id);

  const channelOf = (target: ReplyTarget): string => {
    const channel = target.threadId ?? target.channelId;
    if (!channel) throw new AppError(ErrorCode.InvalidInput, "A Discord reply needs the question's channel.");
    return channel;
  };
  /** The channel (a thread, a DM) or, for `/ask` while its token lives, the interaction. */
  const conversationFor = async (target: ReplyTarget): Promise<DiscordConversation> => {
    if (target.interactionId) {
      const token = await options.interactionTokens.load(target.interactionId);
      if (token) {
        return interactionConversation(rest, {
          applicationId: await applicationId(),
          token,
          channelId: channelOf(target),
        });
      }
      logger.info(
        { interactionId: target.interactionId },
        "the /ask token has expired; answering in the channel",
      );
    }
    return channelConversation(rest, channelOf(target), target.threadId ? undefined : target.messageId);
  };
  /** The conversation a recorded reply lives in, to change or remove its messages. */
  const conversationOf = async (target: ReplyTarget, handle: DiscordReplyHandle) =>
    handle.viaInteraction ? conversationFor(target) : channelConversation(rest, handle.channelId);
  /** Opens the reply's first message; a dead interaction (token expired) falls back to the channel. */
  const open = async (target: ReplyTarget, part: DiscordMessagePart) => {
    const conversation = await conversationFor(target);
    try {
      return { conversation, messageId: await conversation.open(part) };
    } catch (error) {
      if (!conversation.viaInteraction || !isGoneMessage(error)) throw error;
      logger.info({ err: errorMessage(error) }, "the /ask response is gone; answering in the channel");
      const channel = channelConversation(rest, channelOf(target), target.messageId);
      return { conversation: channel, messageId: await channel.open(part) };
    }
  };
  /** Removes the extra parts an earlier attempt posted; a stray part is only untidy. */
  const removeFollowUps = async (conversation: DiscordConversation, handle: DiscordReplyHandle) => {
    for (const id of handle.followUps) {
      await conversation.remove(id).catch((error: unknown) => {
        logger.warn({ messageId: id, err: errorMessage(error) }, "could not remove an earlier answer part");
      });
    }
  };
  /** The earlier attempt's message, showing "Thinking…" again; a new one when it is gone. */
  const takeOver = async (target: ReplyTarget, previous: DiscordReplyHandle) => {
    const conversation = await conversationOf(target, previous);
    await removeFollowUps(conversation, previous);
    try {
      await conversation.edit(previous.messageId, thinkingPart);
      return { conversation, messageId: previous.messageId };
    } catch (error) {
      if (!isGoneMessage(error)) throw error;
      return open(target, thinkingPart);
    }
  };
  const render = (target: ReplyTarget) => (reply: Parameters<typeof renderDiscordAnswer>[0]) =>
    renderDiscordAnswer(reply, target.questionId);

  return {
    name: "discord",

    history: (target, limit) => discordThreadHistory(rest, botUserId, target, limit),

    async post(target, reply) {
      const [first, ...rest] = render(target)(reply);
      if (!first) throw new AppError(ErrorCode.Internal, "The answer rendered to no Discord message.");
      const { conversation, messageId } = await open(target, first);
      const ids = [messageId];
      for (const part of rest) ids.push(await conversation.post(part));
      return { id: messageId, ids };
    },

    async stream(target, streamOptions) {
      const previous = readDiscordReplyHandle(streamOptions.takeOver);
      const { conversation, messageId } = previous
        ? await takeOver(target, previous)
        : await open(target, thinkingPart);
      const handle: DiscordReplyHandle = {
        messageId,
        channelId: conversation.channelId,
        viaInteraction: conversation.viaInteraction,
        followUps: [],
      };
      await streamOptions.record(discordReplyHandle(handle));
      return createDraftReply({
        platformName: "Discord",
        live: liveDiscordMessage(conversation, messageId, pacer),
        updateIntervalMs,
        flushChars: Number.POSITIVE_INFINITY,
        now,
        logger,
        render: render(target),
        postFollowUp: async (part) => {
          const id = await conversation.post(part);
          handle.followUps.push(id);
          // Recorded so a takeover removes it; a failure here only risks one stray part.
          await streamOptions.record(discordReplyHandle(handle)).catch((error: unknown) => {
            logger.warn({ err: errorMessage(error) }, "could not record an answer part");
          });
          return id;
        },
      });
    },

    async update(target, message, reply) {
      const [first, ...rest] = render(target)(reply);
      const conversation = await conversationFor(target);
      if (first) await conversation.edit(message.id, first);
      for (const part of rest) await conversation.post(part);
    },

    async error(target, text, handle?: ReplyHandle) {
      const part = renderDiscordError(text);
      const previous = readDiscordReplyHandle(handle);
      if (previous) {
        // The started reply becomes the error line: no half answer is left standing.
        try {
          const conversation = await conversationOf(target, previous);
          await removeFollowUps(conversation, previous);
          await conversation.edit(previous.messageId, part);
          return;
        } catch (error) {
          logger.warn({ err: errorMessage(error) }, "could not turn the draft into the error line");
        }
      }
      await open(target, part);
    },
  };
}
