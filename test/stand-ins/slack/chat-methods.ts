import { checkMessageContent } from "./check-message-content.ts";
import { optionalString, requiredString, type SlackArgs } from "./slack-args.ts";
import { SlackMethodError } from "./slack-method-error.ts";
import { botMessage, type MethodTable, replyThread, type SlackWorkspace } from "./slack-workspace.ts";

/** chat.postMessage, chat.update, chat.delete, chat.postEphemeral with Slack's answers and errors. */
export function chatMethods(workspace: SlackWorkspace): MethodTable {
  const { messages } = workspace;
  return {
    "chat.postMessage": (args) => {
      const channel = requiredString(args, "channel", "channel_not_found");
      const { text, blocks } = content(args);
      const threadTs = replyThread(workspace, channel, optionalString(args, "thread_ts"));
      const message = messages.add(
        channel,
        botMessage(workspace, {
          text,
          ...(blocks ? { blocks } : {}),
          ...(threadTs ? { thread_ts: threadTs } : {}),
        }),
      );
      return { channel, ts: message.ts, message: structuredClone(message) };
    },
    "chat.update": (args) => {
      const channel = requiredString(args, "channel", "channel_not_found");
      const message = messages.get(channel, requiredString(args, "ts", "message_not_found"));
      if (message.user !== workspace.botUserId) throw new SlackMethodError("cant_update_message");
      const text = optionalString(args, "text") ?? optionalString(args, "markdown_text");
      const blocks = args.blocks;
      if (text === undefined && blocks === undefined) throw new SlackMethodError("no_text");
      checkMessageContent(text, blocks);
      // Slack keeps blocks the update leaves out, and replaces them when given (an empty list clears).
      if (text !== undefined) message.text = text;
      if (Array.isArray(blocks)) message.blocks = blocks;
      message.edited = { user: workspace.botUserId, ts: workspace.nextTs() };
      return { channel, ts: message.ts, text: message.text, message: structuredClone(message) };
    },
    "chat.delete": (args) => {
      const channel = requiredString(args, "channel", "channel_not_found");
      const ts = requiredString(args, "ts", "message_not_found");
      const message = messages.get(channel, ts);
      if (message.user !== workspace.botUserId) throw new SlackMethodError("cant_delete_message");
      messages.remove(channel, ts);
      return { channel, ts };
    },
    "chat.postEphemeral": (args) => {
      requiredString(args, "channel", "channel_not_found");
      requiredString(args, "user", "user_not_in_channel");
      content(args);
      // Ephemeral messages are seen by one user and never stored in the channel.
      return { message_ts: workspace.nextTs() };
    },
  };
}

/** A message's text and blocks; Slack wants at least one of text, blocks, attachments, markdown_text. */
function content(args: SlackArgs): { text: string; blocks: unknown[] | undefined } {
  const text = optionalString(args, "text") ?? optionalString(args, "markdown_text");
  const { blocks, attachments } = args;
  if (text === undefined && blocks === undefined && attachments === undefined) {
    throw new SlackMethodError("no_text");
  }
  checkMessageContent(text, blocks);
  return { text: text ?? "", blocks: Array.isArray(blocks) ? blocks : undefined };
}
