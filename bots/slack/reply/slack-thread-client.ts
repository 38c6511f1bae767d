import type { types } from "@slack/bolt";
import type { WebClient } from "@slack/web-api";
import { type SlackRetryOptions, withSlackRetry } from "./with-slack-retry.ts";

/** One Slack message's content: fallback/notification text and, usually, its blocks. */
export interface MessagePart {
  text: string;
  blocks?: types.KnownBlock[];
}

/** Where replies go: a channel, and the thread in it (none for a top-level post). */
export interface SlackThread {
  channel: string;
  threadTs?: string;
}

/** Who a streamed reply is for; Slack needs both outside DMs. */
export interface StreamRecipient {
  userId?: string;
  teamId?: string;
}

/** The Web API calls a reply makes, each in the thread, unfurls off, with the bounded rate-limit retry. */
export interface SlackThreadClient {
  readonly thread: SlackThread;
  post(part: MessagePart): Promise<string>;
  update(ts: string, part: MessagePart): Promise<void>;
  remove(ts: string): Promise<void>;
  /** Starts a native stream showing a progress task (no text yet); returns its ts. */
  startStream(recipient: StreamRecipient): Promise<string>;
  appendStream(ts: string, markdown: string): Promise<void>;
  stopStream(ts: string, blocks?: types.KnownBlock[]): Promise<void>;
}

/** The progress line a streamed answer starts with. */
export const answeringTitle = "Reading the team's documents";

export function createSlackThreadClient(
  client: WebClient,
  thread: SlackThread,
  retry: SlackRetryOptions,
): SlackThreadClient {
  const { channel, threadTs } = thread;
  const inThread = threadTs ? { thread_ts: threadTs } : {};
  const call = <T>(method: string, run: () => Promise<T>) => withSlackRetry(method, run, retry);
  return {
    thread,
    async post(part) {
      const posted = await call("chat.postMessage", () =>
        client.chat.postMessage({
          channel,
          ...inThread,
          text: part.text,
          ...(part.blocks ? { blocks: part.blocks } : {}),
          // Source links would otherwise unfurl into large previews under every answer.
          unfurl_links: false,
          unfurl_media: false,
        }),
      );
      return String(posted.ts);
    },
    async update(ts, part) {
      await call("chat.update", () =>
        client.chat.update({ channel, ts, text: part.text, ...(part.blocks ? { blocks: part.blocks } : {}) }),
      );
    },
    async remove(ts) {
      await call("chat.delete", () => client.chat.delete({ channel, ts }));
    },
    async startStream(recipient) {
      const started = await call("chat.startStream", () =>
        client.chat.startStream({
          channel,
          thread_ts: threadTs ?? "",
          // The message must exist (and be recorded) before the first token: a task shows progress.
          chunks: [{ type: "task_update", id: "answer", title: answeringTitle, status: "in_progress" }],
          ...(recipient.userId ? { recipient_user_id: recipient.userId } : {}),
          ...(recipient.teamId ? { recipient_team_id: recipient.teamId } : {}),
        }),
      );
      return String(started.ts);
    },
    async appendStream(ts, markdown) {
      await call("chat.appendStream", () =>
        client.chat.appendStream({ channel, ts, markdown_text: markdown }),
      );
    },
    async stopStream(ts, blocks) {
      await call("chat.stopStream", () =>
        client.chat.stopStream({ channel, ts, ...(blocks && blocks.length > 0 ? { blocks } : {}) }),
      );
    },
  };
}
