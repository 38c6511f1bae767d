import type { WebClient } from "@slack/web-api";
import { errorMessage, isRetryable } from "#shared/errors/app-error.ts";
import type { Logger } from "#shared/log/logger.ts";
import { createDraftReply } from "#shared/platform/draft-reply.ts";
import type { Platform, ReplyTarget } from "#shared/platform/platform.ts";
import type { LiveMessage } from "./live-message.ts";
import { openLiveMessage, takeOverLiveMessage } from "./open-live-message.ts";
import { renderError, renderReply } from "./render-reply.ts";
import { createSlackAsker } from "./slack-asker.ts";
import { readSlackReplyHandle, type SlackReplyHandle, slackReplyHandle } from "./slack-reply-handle.ts";
import { createSlackThreadClient, type MessagePart, type SlackThreadClient } from "./slack-thread-client.ts";
import { slackThreadOf } from "./slack-thread-of.ts";
import { threadHistory } from "./thread-history.ts";
import type { SlackRetryOptions } from "./with-slack-retry.ts";

export interface SlackPlatformOptions {
  /**
   * The WebClient for the target's workspace. Make it with `rejectRateLimitedCalls: true`
   * (replyClientOptions does): the default client waits out 429s itself, for up to ~30 minutes.
   */
  clientFor: (target: ReplyTarget) => Promise<WebClient>;
  logger: Logger;
  now?: () => number;
  /** Shortest time between two showings of a draft. */
  updateIntervalMs?: number;
  /** "auto": Slack's native streaming where allowed, else a placeholder; "off": always the placeholder. */
  streaming: "auto" | "off";
  /** The bounded rate-limit retry (tests shorten it). */
  retry?: Omit<SlackRetryOptions, "logger">;
  /** How long an asker's email from users.info is reused (default 10 minutes). */
  askerTtlMs?: number;
}

/** A stream gets this much new text at once, without waiting for the interval. */
const flushChars = 300;

/**
 * Slack's side of the Platform interface: every reply goes into the question's thread with
 * unfurls off; answers are drafted live (native streaming, or a placeholder updated about once a
 * second) and then replaced by the formatted answer, split over several messages when long. The
 * message is created, and its handle recorded by the caller, before the first token; a later
 * attempt given that handle finishes the same message. Nothing about a reply lives only in memory.
 */
export function createSlackPlatform(options: SlackPlatformOptions): Platform {
  const { logger, streaming } = options;
  const now = options.now ?? Date.now;
  const updateIntervalMs = options.updateIntervalMs ?? 1_000;
  const retry: SlackRetryOptions = { ...options.retry, logger };
  /** Channels that refused streaming for good: later answers there go straight to a placeholder. */
  const refusedStreaming = new Set<string>();

  const threadClient = async (target: ReplyTarget): Promise<SlackThreadClient> =>
    createSlackThreadClient(await options.clientFor(target), slackThreadOf(target), retry);

  const postParts = async (api: SlackThreadClient, parts: MessagePart[]): Promise<string[]> => {
    const posted: string[] = [];
    for (const part of parts) posted.push(await api.post(part));
    return posted;
  };

  const open = (target: ReplyTarget, api: SlackThreadClient): Promise<LiveMessage> => {
    const { channel, threadTs } = api.thread;
    const channelKey = `${target.workspaceId}/${channel}`;
    // Outside DMs Slack streams only to a named user of a named team; every stream is a reply.
    const canStream =
      streaming === "auto" &&
      threadTs !== undefined &&
      (channel.startsWith("D") || target.userId !== undefined) &&
      !refusedStreaming.has(channelKey);
    const recipient = {
      ...(target.userId ? { userId: target.userId } : {}),
      teamId: target.teamId ?? target.workspaceId,
    };
    return openLiveMessage(api, {
      stream: canStream ? { recipient } : undefined,
      onStreamRefused: (error) => {
        if (!isRetryable(error)) refusedStreaming.add(channelKey);
      },
      logger,
    });
  };

  return {
    name: "slack",

    asker: createSlackAsker({
      clientFor: options.clientFor,
      logger,
      now,
      ...(options.askerTtlMs === undefined ? {} : { ttlMs: options.askerTtlMs }),
    }),

    async history(target, limit) {
      return threadHistory(await options.clientFor(target), target, limit);
    },

    async post(target, reply) {
      const ids = await postParts(await threadClient(target), renderReply(reply, target.questionId));
      return { id: ids[0] ?? "", ids };
    },

    async stream(target, streamOptions) {
      const api = await threadClient(target);
      const previous = readSlackReplyHandle(streamOptions.takeOver);
      const live = previous ? await takeOverLiveMessage(api, previous, logger) : await open(target, api);
      const handle: SlackReplyHandle = { messageId: live.ts, stream: live.mode === "stream", followUps: [] };
      await streamOptions.record(slackReplyHandle(handle));
      return createDraftReply({
        platformName: "Slack",
        live,
        updateIntervalMs,
        flushChars,
        now,
        logger,
        render: (reply) => renderReply(reply, target.questionId),
        postFollowUp: async (part) => {
          const ts = await api.post(part);
          handle.followUps.push(ts);
          // Recorded so a takeover removes it; a failure here only risks one stray part.
          await streamOptions.record(slackReplyHandle(handle)).catch((error: unknown) => {
            logger.warn({ error: errorMessage(error) }, "could not record an answer part");
          });
          return ts;
        },
      });
    },

    async update(target, message, reply) {
      const api = await threadClient(target);
      const [first, ...rest] = renderReply(reply, target.questionId);
      if (first) await api.update(message.id, { blocks: [], ...first });
      await postParts(api, rest);
    },

    async error(target, text, takeOver) {
      const api = await threadClient(target);
      const part = renderError(text);
      const previous = readSlackReplyHandle(takeOver);
      if (previous) {
        // The started reply becomes the error line: no half answer is left standing.
        try {
          await (await takeOverLiveMessage(api, previous, logger)).settle(part);
          return;
        } catch (error) {
          logger.warn({ error: errorMessage(error) }, "could not turn the draft into the error line");
        }
      }
      await api.post(part);
    },
  };
}
