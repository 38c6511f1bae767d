import { optionalString, requiredString } from "./slack-args.ts";
import { SlackMethodError } from "./slack-method-error.ts";
import type { MethodTable, SlackWorkspace } from "./slack-workspace.ts";

/** conversations.replies over the stored messages, with Slack's cursor pagination. */
export function conversationMethods(workspace: SlackWorkspace): MethodTable {
  return {
    "conversations.replies": (args) => {
      const channel = requiredString(args, "channel", "channel_not_found");
      const ts = requiredString(args, "ts", "thread_not_found");
      const thread = workspace.messages.thread(channel, ts);
      if (thread.length === 0) throw new SlackMethodError("thread_not_found");
      const limit = Math.min(Number(optionalString(args, "limit") ?? 1000) || 1000, 1000);
      const start = Number(optionalString(args, "cursor") ?? 0) || 0;
      const page = thread.slice(start, start + limit).map((message) => {
        const copy = structuredClone(message);
        if (message.ts === ts && message.thread_ts === ts) {
          const replies = thread.filter((reply) => reply.ts !== ts);
          Object.assign(copy, {
            reply_count: replies.length,
            reply_users: [...new Set(replies.map((reply) => reply.user))],
            latest_reply: replies.at(-1)?.ts ?? ts,
          });
        }
        return copy;
      });
      const hasMore = start + limit < thread.length;
      return {
        messages: page,
        has_more: hasMore,
        response_metadata: { next_cursor: hasMore ? String(start + limit) : "" },
      };
    },
  };
}
