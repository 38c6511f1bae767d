import type { MessageStore, StoredMessage } from "./message-store.ts";
import type { SlackArgs } from "./slack-args.ts";

export interface StandInUser {
  name: string;
  isAdmin?: boolean;
  isOwner?: boolean;
  isBot?: boolean;
  /** profile.email, as Slack shows it to a token with users:read.email. */
  email?: string;
}

/** What the method handlers share: the one workspace the stand-in plays, and its messages. */
export interface SlackWorkspace {
  teamId: string;
  teamName: string;
  botUserId: string;
  botId: string;
  appId: string;
  users: Record<string, StandInUser>;
  messages: MessageStore;
  nextTs(): string;
}

/** A method's answer without `ok`; throwing a SlackMethodError answers `{ ok: false, error }`. */
export type MethodHandler = (args: SlackArgs, token: string | undefined) => Record<string, unknown>;
export type MethodTable = Record<string, MethodHandler>;

/** A new message from the bot, shaped as Slack stores it. */
export function botMessage(
  workspace: SlackWorkspace,
  fields: Pick<StoredMessage, "text"> & Partial<StoredMessage>,
): StoredMessage {
  return {
    type: "message",
    ts: workspace.nextTs(),
    user: workspace.botUserId,
    bot_id: workspace.botId,
    team: workspace.teamId,
    ...fields,
  };
}

/**
 * The thread a reply goes to. Slack files a reply to a reply under the thread's parent, and marks a
 * stored parent as threaded.
 */
export function replyThread(workspace: SlackWorkspace, channel: string, threadTs: string | undefined) {
  if (threadTs === undefined) return undefined;
  const parent = workspace.messages.find(channel, threadTs);
  if (!parent) return threadTs;
  if (parent.thread_ts !== undefined && parent.thread_ts !== parent.ts) return parent.thread_ts;
  parent.thread_ts = parent.ts;
  return parent.ts;
}
