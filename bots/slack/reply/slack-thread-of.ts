import { AppError, ErrorCode } from "#shared/errors/app-error.ts";
import type { ReplyTarget } from "#shared/platform/platform.ts";
import type { SlackThread } from "./slack-thread-client.ts";

/**
 * Where a reply to this target goes: its thread (`thread_ts = threadId ?? messageId`, Slack's
 * `event.thread_ts ?? event.ts`), so answers never land in the channel itself.
 */
export function slackThreadOf(target: ReplyTarget): SlackThread {
  if (!target.channelId) {
    throw new AppError(
      ErrorCode.Internal,
      "A Slack reply needs the question's channel; the target has none.",
    );
  }
  const threadTs = target.threadId ?? target.messageId;
  return { channel: target.channelId, ...(threadTs ? { threadTs } : {}) };
}
