import type { WebClient } from "@slack/web-api";
import type { Reviewed } from "#shared/review/review-results.ts";
import { answerMessages } from "./answer-messages.ts";
import type { AnswerMessageRef } from "./read-answer-click.ts";

/**
 * Rewrites the clicked answer message (the one with the buttons: the answer's last message) to show
 * the current state. When a correction needs more than one message, the clicked one takes the first
 * part and the rest follow in the thread; earlier messages of a long original answer are not known
 * here and stay as they were.
 */
export async function updateAnswerMessage(
  client: WebClient,
  message: AnswerMessageRef,
  reviewed: Pick<Reviewed, "questionId" | "reply">,
  options: { textChanged: boolean },
): Promise<void> {
  const parts = answerMessages(reviewed);
  const [first, ...rest] = options.textChanged ? parts : parts.slice(-1);
  if (!first) return;
  await client.chat.update({
    channel: message.channelId,
    ts: message.ts,
    text: first.text,
    blocks: first.blocks,
  });
  for (const part of rest) {
    await client.chat.postMessage({
      channel: message.channelId,
      thread_ts: message.threadTs ?? message.ts,
      text: part.text,
      blocks: part.blocks,
      unfurl_links: false,
      unfurl_media: false,
    });
  }
}
