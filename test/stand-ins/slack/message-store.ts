import { SlackMethodError } from "./slack-method-error.ts";

export interface StoredReaction {
  name: string;
  users: string[];
  count: number;
}

/** A message as Slack returns it from conversations.replies / chat.update (the fields tests read). */
export interface StoredMessage {
  type: "message";
  ts: string;
  /** Set on replies, and on a parent once it has replies. */
  thread_ts?: string;
  text: string;
  blocks?: unknown[];
  user: string;
  /** Present on the bot's own messages. */
  bot_id?: string;
  team: string;
  reactions?: StoredReaction[];
  edited?: { user: string; ts: string };
  /** Messages made by chat.startStream: "in_progress" until chat.stopStream. */
  streaming_state?: "in_progress" | "completed";
  /** Progress tasks a stream was started or appended with (`task_update` chunks). */
  tasks?: { id: string; title: string; status: string }[];
}

export interface MessageStore {
  add(channel: string, message: StoredMessage): StoredMessage;
  /** The message, or Slack's `message_not_found`. */
  get(channel: string, ts: string): StoredMessage;
  find(channel: string, ts: string): StoredMessage | undefined;
  remove(channel: string, ts: string): void;
  /** Every message in the channel, thread replies included, oldest first. */
  inChannel(channel: string): StoredMessage[];
  /** The thread's parent (when stored) and its replies, oldest first. */
  thread(channel: string, threadTs: string): StoredMessage[];
}

/** Channels' messages, keyed by ts: what post, update, stream and delete calls have left behind. */
export function createMessageStore(): MessageStore {
  const channels = new Map<string, Map<string, StoredMessage>>();
  const channelMap = (channel: string): Map<string, StoredMessage> => {
    let messages = channels.get(channel);
    if (!messages) {
      messages = new Map();
      channels.set(channel, messages);
    }
    return messages;
  };
  const sorted = (messages: Iterable<StoredMessage>): StoredMessage[] =>
    [...messages].sort((a, b) => compareTs(a.ts, b.ts));

  const store: MessageStore = {
    add(channel, message) {
      channelMap(channel).set(message.ts, message);
      return message;
    },
    get(channel, ts) {
      const message = store.find(channel, ts);
      if (!message) throw new SlackMethodError("message_not_found");
      return message;
    },
    find: (channel, ts) => channels.get(channel)?.get(ts),
    remove(channel, ts) {
      channels.get(channel)?.delete(ts);
    },
    inChannel: (channel) => sorted(channels.get(channel)?.values() ?? []),
    thread: (channel, threadTs) =>
      sorted(
        [...(channels.get(channel)?.values() ?? [])].filter(
          (message) => message.ts === threadTs || message.thread_ts === threadTs,
        ),
      ),
  };
  return store;
}

/** Orders "seconds.micros" strings exactly (as numbers they would lose the last digits). */
export function compareTs(a: string, b: string): number {
  const [aSeconds = "0", aFraction = ""] = a.split(".");
  const [bSeconds = "0", bFraction = ""] = b.split(".");
  const bySeconds = Number(aSeconds) - Number(bSeconds);
  return bySeconds !== 0 ? bySeconds : Number(aFraction.padEnd(6, "0")) - Number(bFraction.padEnd(6, "0"));
}
