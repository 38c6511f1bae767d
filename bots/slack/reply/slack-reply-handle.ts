import { z } from "zod";
import type { ReplyHandle } from "#shared/platform/platform.ts";

/** What Sabio records about a Slack reply (in the `replies` table) so any process can take it over. */
export interface SlackReplyHandle {
  /** The message's ts. */
  messageId: string;
  /** A native stream (chat.startStream) that may still be open and must then be stopped. */
  stream: boolean;
  /** Further parts of a long answer already posted under it. */
  followUps: string[];
}

const slackHandleSchema = z.object({
  messageId: z.string().min(1),
  stream: z.boolean().default(false),
  followUps: z.array(z.string()).default([]),
});

/** A stored handle as Slack's; undefined when it is not one (a new message is then the safe choice). */
export function readSlackReplyHandle(handle: ReplyHandle | undefined): SlackReplyHandle | undefined {
  if (!handle) return undefined;
  const parsed = slackHandleSchema.safeParse(handle);
  return parsed.success ? parsed.data : undefined;
}

export function slackReplyHandle(handle: SlackReplyHandle): ReplyHandle {
  return { messageId: handle.messageId, stream: handle.stream, followUps: [...handle.followUps] };
}
