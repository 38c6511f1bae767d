import { errorMessage, isRetryable } from "#shared/errors/app-error.ts";
import type { Logger } from "#shared/log/logger.ts";
import { createLiveMessage, type LiveMessage } from "./live-message.ts";
import { thinkingText } from "./render-reply.ts";
import { slackErrorCode } from "./slack-app-error.ts";
import type { SlackReplyHandle } from "./slack-reply-handle.ts";
import type { SlackThreadClient, StreamRecipient } from "./slack-thread-client.ts";

export interface OpenLiveMessageOptions {
  /** Try Slack's native streaming first (else a placeholder at once). */
  stream: { recipient: StreamRecipient } | undefined;
  /** Told when Slack refused to stream, with whether a retry could help. */
  onStreamRefused: (error: unknown) => void;
  logger: Logger;
}

/**
 * Creates the reply's message before any token exists, so its ts can be recorded first: a native
 * stream started with a progress task (startStream needs some content), or "_Thinking…_".
 */
export async function openLiveMessage(
  api: SlackThreadClient,
  options: OpenLiveMessageOptions,
): Promise<LiveMessage> {
  if (options.stream) {
    try {
      const ts = await api.startStream(options.stream.recipient);
      return createLiveMessage(api, { ts, streaming: true }, options.logger);
    } catch (error) {
      options.onStreamRefused(error);
      options.logger.info(
        {
          channel: api.thread.channel,
          slackError: slackErrorCode(error),
          error: errorMessage(error),
          retryable: isRetryable(error),
        },
        "Slack refused streaming; updating a placeholder instead",
      );
    }
  }
  const ts = await api.post({ text: thinkingText });
  return createLiveMessage(api, { ts, streaming: false }, options.logger);
}

/**
 * Takes over a reply an earlier attempt (another process, maybe another machine) left unfinished:
 * its stream is stopped, its extra parts removed, and the same message shows "_Thinking…_" again
 * until this attempt's answer replaces it. A message that is gone is replaced by a new one.
 */
export async function takeOverLiveMessage(
  api: SlackThreadClient,
  previous: SlackReplyHandle,
  logger: Logger,
): Promise<LiveMessage> {
  const ts = previous.messageId;
  if (previous.stream) {
    await api.stopStream(ts).catch((error: unknown) => {
      // Already stopped, or Slack ended it when it went idle: either way it no longer grows.
      logger.debug({ ts, error: errorMessage(error) }, "the earlier stream was already stopped");
    });
  }
  for (const followUp of previous.followUps) {
    await api.remove(followUp).catch((error: unknown) => {
      logger.warn({ ts: followUp, error: errorMessage(error) }, "could not remove an earlier answer part");
    });
  }
  try {
    await api.update(ts, { blocks: [], text: thinkingText });
  } catch (error) {
    if (slackErrorCode(error) !== "message_not_found") throw error;
    return createLiveMessage(api, { ts: await api.post({ text: thinkingText }), streaming: false }, logger);
  }
  return createLiveMessage(api, { ts, streaming: false }, logger);
}
