import type { WebClient } from "@slack/web-api";
import { errorMessage, isRetryable } from "#shared/errors/app-error.ts";
import type { Logger } from "#shared/log/logger.ts";
import type { Platform, ReplyTarget } from "#shared/platform/platform.ts";
import { createDraftReply } from "./draft-reply.ts";
import { createFallingBackMessage } from "./falling-back-message.ts";
import type { LiveMessage } from "./live-message.ts";
import { createOpenDrafts } from "./open-drafts.ts";
import { createPlaceholderMessage } from "./placeholder-message.ts";
import { renderError, renderReply } from "./render-reply.ts";
import { slackErrorCode } from "./slack-app-error.ts";
import { createSlackThreadClient, type MessagePart, type SlackThreadClient } from "./slack-thread-client.ts";
import { slackThreadOf } from "./slack-thread-of.ts";
import { createStreamedMessage } from "./streamed-message.ts";
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
}

/** A stream gets this much new text at once, without waiting for the interval. */
const flushChars = 300;

/**
 * Slack's side of the Platform interface: every reply goes into the question's thread with
 * unfurls off; answers are drafted live (native streaming, or a placeholder updated about once a
 * second) and then replaced by the formatted answer, split over several messages when long.
 */
export function createSlackPlatform(options: SlackPlatformOptions): Platform {
  const { logger, streaming } = options;
  const now = options.now ?? Date.now;
  const updateIntervalMs = options.updateIntervalMs ?? 1_000;
  const retry: SlackRetryOptions = { ...options.retry, logger };
  const drafts = createOpenDrafts(now);
  /** Channels that refused streaming: later answers there go straight to a placeholder. */
  const refusedStreaming = new Set<string>();

  const threadClient = async (target: ReplyTarget): Promise<SlackThreadClient> =>
    createSlackThreadClient(await options.clientFor(target), slackThreadOf(target), retry);

  const postParts = async (api: SlackThreadClient, parts: MessagePart[]): Promise<string[]> => {
    const posted: string[] = [];
    for (const part of parts) posted.push(await api.post(part));
    return posted;
  };

  const openLiveMessage = async (target: ReplyTarget, api: SlackThreadClient): Promise<LiveMessage> => {
    const placeholder = createPlaceholderMessage(api);
    const { channel, threadTs } = api.thread;
    const channelKey = `${target.workspaceId}/${channel}`;
    // Outside DMs Slack streams only to a named user of a named team; every stream is a reply.
    const canStream = threadTs !== undefined && (channel.startsWith("D") || target.userId !== undefined);
    if (streaming === "off" || !canStream || refusedStreaming.has(channelKey)) {
      await placeholder.open();
      return placeholder;
    }
    const recipient = {
      ...(target.userId ? { userId: target.userId } : {}),
      teamId: target.teamId ?? target.workspaceId,
    };
    return createFallingBackMessage(
      createStreamedMessage(api, recipient, logger),
      () => placeholder,
      (error) => {
        if (!isRetryable(error)) refusedStreaming.add(channelKey);
        logger.info(
          { channel, slackError: slackErrorCode(error), error: errorMessage(error) },
          "Slack refused streaming; updating a placeholder instead",
        );
      },
    );
  };

  return {
    name: "slack",

    async history(target, limit) {
      return threadHistory(await options.clientFor(target), target, limit);
    },

    async post(target, reply) {
      const [id = ""] = await postParts(await threadClient(target), renderReply(reply, target.questionId));
      return { id };
    },

    async stream(target) {
      const api = await threadClient(target);
      // A retried attempt takes over the message the last one left, rather than adding another.
      const previous = drafts.take(target);
      let live: LiveMessage;
      if (previous) {
        live = await previous.takeOver();
        await live.clear().catch((error: unknown) => {
          logger.warn({ error: errorMessage(error) }, "could not clear the previous attempt's draft");
        });
      } else {
        live = await openLiveMessage(target, api);
      }
      const draft = createDraftReply({
        live,
        updateIntervalMs,
        flushChars,
        now,
        logger,
        render: (reply) => renderReply(reply, target.questionId),
        postFollowUp: (part) => api.post(part),
        onSettled: () => drafts.settled(target, draft),
      });
      drafts.add(target, draft);
      return draft;
    },

    async update(target, message, reply) {
      const api = await threadClient(target);
      const [first, ...rest] = renderReply(reply, target.questionId);
      if (first) await api.update(message.id, { blocks: [], ...first });
      await postParts(api, rest);
    },

    async error(target, text) {
      const api = await threadClient(target);
      const part = renderError(text);
      const draft = drafts.take(target);
      if (draft) {
        // The failed attempt's draft becomes the error line: no half answer is left standing.
        try {
          await (await draft.takeOver()).settle(part);
          return;
        } catch (error) {
          logger.warn({ error: errorMessage(error) }, "could not turn the draft into the error line");
        }
      }
      await api.post(part);
    },
  };
}
