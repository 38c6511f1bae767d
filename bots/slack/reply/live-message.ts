import { neutralizePings } from "#bots/slack/format/neutralize-pings.ts";
import { errorMessage } from "#shared/errors/app-error.ts";
import type { Logger } from "#shared/log/logger.ts";
import type { LiveDraft } from "#shared/platform/draft-reply.ts";
import { renderDraft, thinkingText } from "./render-reply.ts";
import type { MessagePart, SlackThreadClient } from "./slack-thread-client.ts";

/**
 * The one thread message that shows an answer while it is being written: a native stream
 * (chat.appendStream with each new piece) or a posted message rewritten with chat.update. Its ts
 * never changes, so the handle recorded before the first token stays true until the end.
 */
export interface LiveMessage extends LiveDraft<MessagePart> {
  readonly ts: string;
}

export function createLiveMessage(
  api: SlackThreadClient,
  start: { ts: string; streaming: boolean },
  logger: Logger,
): LiveMessage {
  const { ts } = start;
  let streaming = start.streaming;
  /** Stopping can fail harmlessly (Slack already ended an idle stream): note it and go on. */
  const stop = async (blocks?: MessagePart["blocks"]): Promise<boolean> => {
    streaming = false;
    try {
      await api.stopStream(ts, blocks);
      return true;
    } catch (error) {
      logger.warn({ ts, error: errorMessage(error) }, "could not stop a Slack stream");
      return false;
    }
  };
  return {
    ts,
    get mode() {
      return streaming ? "stream" : "placeholder";
    },
    async show(whole, added) {
      // Appended pieces can't be taken back: defuse pings in each (mentionSafeLength keeps them whole).
      if (streaming) await api.appendStream(ts, neutralizePings(added));
      else await api.update(ts, { text: renderDraft(whole) });
    },
    async clear() {
      if (streaming) await stop();
      await api.update(ts, { text: thinkingText });
    },
    async settle(part) {
      const stopped = streaming ? await stop(part.blocks) : false;
      try {
        // An explicit (possibly empty) block list, so nothing of an earlier version lingers.
        await api.update(ts, { blocks: [], ...part });
      } catch (error) {
        // The stopped stream already carries the answer's blocks: a rough but complete answer.
        if (!stopped) throw error;
        logger.warn({ ts, error: errorMessage(error) }, "could not tidy a finished Slack stream");
      }
      return ts;
    },
  };
}
