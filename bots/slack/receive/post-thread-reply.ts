import type { WebClient } from "@slack/web-api";
import { errorMessage } from "#shared/errors/app-error.ts";
import type { Logger } from "#shared/log/logger.ts";
import type { SlackMessagePlace } from "./normalize-slack-question.ts";

/**
 * A short line of the bot's own in the question's thread (help hint, length limit, "try again").
 * `thread_ts` always: `say()` would post to the channel. A failure is logged, never thrown: the
 * event has been acknowledged and there is no one else to tell.
 */
export async function postThreadReply(
  client: WebClient,
  place: SlackMessagePlace,
  text: string,
  log: Logger,
): Promise<void> {
  try {
    await client.chat.postMessage({
      channel: place.channelId,
      thread_ts: place.threadId,
      text,
      unfurl_links: false,
      unfurl_media: false,
    });
  } catch (error) {
    log.warn({ err: errorMessage(error) }, "could not post a reply in the thread");
  }
}
