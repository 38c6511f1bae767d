import { checkMessageContent } from "./check-message-content.ts";
import { optionalString, requiredString, type SlackArgs } from "./slack-args.ts";
import { SlackMethodError } from "./slack-method-error.ts";
import { botMessage, type MethodTable, replyThread, type SlackWorkspace } from "./slack-workspace.ts";

/**
 * chat.startStream / appendStream / stopStream: one message whose markdown grows with each call;
 * stopStream may add more text and blocks rendered under it, and ends the stream.
 */
export function streamMethods(workspace: SlackWorkspace): MethodTable {
  const { messages } = workspace;
  const openStream = (args: SlackArgs) => {
    const channel = requiredString(args, "channel", "channel_not_found");
    const message = messages.get(channel, requiredString(args, "ts", "message_not_found"));
    if (message.streaming_state !== "in_progress")
      throw new SlackMethodError("message_not_in_streaming_state");
    return { channel, message };
  };
  return {
    "chat.startStream": (args) => {
      const channel = requiredString(args, "channel", "channel_not_found");
      // Streams are replies: they need a thread, and outside a DM the user and team they are for.
      const threadTs = requiredString(args, "thread_ts");
      if (!channel.startsWith("D")) {
        requiredString(args, "recipient_user_id");
        requiredString(args, "recipient_team_id");
      }
      // Slack: "Either markdown_text or chunks is required."
      if (optionalString(args, "markdown_text") === undefined && !Array.isArray(args.chunks)) {
        throw new SlackMethodError("invalid_arguments");
      }
      const text = streamedText(args);
      checkMessageContent(text, undefined);
      const tasks = taskUpdates(args);
      const message = messages.add(
        channel,
        botMessage(workspace, {
          text,
          thread_ts: replyThread(workspace, channel, threadTs) ?? threadTs,
          streaming_state: "in_progress",
          ...(tasks.length > 0 ? { tasks } : {}),
        }),
      );
      return { channel, ts: message.ts };
    },
    "chat.appendStream": (args) => {
      const { channel, message } = openStream(args);
      const text = streamedText(args);
      if (text === "") throw new SlackMethodError("invalid_arguments");
      checkMessageContent(message.text + text, undefined);
      message.text += text;
      return { channel, ts: message.ts };
    },
    "chat.stopStream": (args) => {
      const { channel, message } = openStream(args);
      message.text += streamedText(args);
      const { blocks } = args;
      checkMessageContent(message.text, blocks);
      if (Array.isArray(blocks)) message.blocks = [...(message.blocks ?? []), ...blocks];
      message.streaming_state = "completed";
      return { channel, ts: message.ts, message: structuredClone(message) };
    },
  };
}

/** The `task_update` chunks of a call, as a client would render them (id, title, status). */
function taskUpdates(args: SlackArgs): { id: string; title: string; status: string }[] {
  if (!Array.isArray(args.chunks)) return [];
  const tasks: { id: string; title: string; status: string }[] = [];
  for (const chunk of args.chunks as unknown[]) {
    const { type, id, title, status } = (chunk ?? {}) as Record<string, unknown>;
    if (type !== "task_update") continue;
    if (typeof id !== "string" || typeof title !== "string" || typeof status !== "string") {
      throw new SlackMethodError("invalid_chunks");
    }
    tasks.push({ id, title, status });
  }
  return tasks;
}

/** `markdown_text` plus the text of `markdown_text` chunks (what the SDK's ChatStreamer sends). */
function streamedText(args: SlackArgs): string {
  let text = optionalString(args, "markdown_text") ?? "";
  if (Array.isArray(args.chunks)) {
    for (const chunk of args.chunks as unknown[]) {
      const { type, text: chunkText } = (chunk ?? {}) as { type?: unknown; text?: unknown };
      if (type === "markdown_text" && typeof chunkText === "string") text += chunkText;
    }
  }
  return text;
}
