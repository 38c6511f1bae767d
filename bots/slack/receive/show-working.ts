import type { WebClient } from "@slack/web-api";
import { errorMessage } from "#shared/errors/app-error.ts";
import type { Logger } from "#shared/log/logger.ts";
import type { SlackMessagePlace } from "./normalize-slack-question.ts";
import { seenReaction, workingStatus } from "./question-reply-texts.ts";

/**
 * 👀 on the question and "is looking through your docs…" in its thread, so the asker sees at once
 * that the question was taken. The caller does not wait for this before enqueueing; it never
 * rejects (failures such as a missing scope or a 429 are logged).
 */
export async function showWorking(client: WebClient, place: SlackMessagePlace, log: Logger): Promise<void> {
  await Promise.all([
    client.reactions
      .add({ channel: place.channelId, timestamp: place.messageId, name: seenReaction })
      .catch((error: unknown) => log.warn({ err: errorMessage(error) }, "could not add the 👀 reaction")),
    client.assistant.threads
      .setStatus({ channel_id: place.channelId, thread_ts: place.threadId, status: workingStatus })
      .catch((error: unknown) => log.warn({ err: errorMessage(error) }, "could not set the thread status")),
  ]);
}
