import { neutralizePings } from "#bots/slack/format/neutralize-pings.ts";
import { errorMessage } from "#shared/errors/app-error.ts";
import type { Logger } from "#shared/log/logger.ts";
import type { LiveMessage } from "./live-message.ts";
import type { SlackThreadClient, StreamRecipient } from "./slack-thread-client.ts";

export interface StreamedMessage extends LiveMessage {
  /** Whether chat.startStream has succeeded (and not been cleared since). */
  readonly started: boolean;
}

/**
 * Slack's native streaming: chat.startStream with the first piece, chat.appendStream for the rest.
 * Settling stops the stream with the answer's blocks (Slack renders them under the streamed text),
 * then rewrites the message to the answer alone, as the placeholder path ends.
 */
export function createStreamedMessage(
  api: SlackThreadClient,
  recipient: StreamRecipient,
  logger: Logger,
): StreamedMessage {
  let ts: string | undefined;
  /** Stopping can fail harmlessly (Slack already ended an idle stream): note it and go on. */
  const stop = async (streamTs: string, part?: Parameters<LiveMessage["settle"]>[0]): Promise<boolean> => {
    try {
      await api.stopStream(streamTs, part?.blocks);
      return true;
    } catch (error) {
      logger.warn({ ts: streamTs, error: errorMessage(error) }, "could not stop a Slack stream");
      return false;
    }
  };
  return {
    mode: "stream",
    get started() {
      return ts !== undefined;
    },
    async show(_whole, added) {
      // Appended pieces can't be taken back: defuse pings in each (mentionSafeLength keeps them whole).
      const markdown = neutralizePings(added);
      if (ts === undefined) ts = await api.startStream(markdown, recipient);
      else await api.appendStream(ts, markdown);
    },
    async clear() {
      if (ts === undefined) return;
      const streamTs = ts;
      ts = undefined;
      await stop(streamTs);
      await api.remove(streamTs);
    },
    async settle(part) {
      if (ts === undefined) return api.post(part);
      const stopped = await stop(ts, part);
      try {
        await api.update(ts, part);
      } catch (error) {
        // The stopped stream already carries the answer's blocks: a rough but complete answer.
        if (!stopped) throw error;
        logger.warn({ ts, error: errorMessage(error) }, "could not tidy a finished Slack stream");
      }
      return ts;
    },
  };
}
