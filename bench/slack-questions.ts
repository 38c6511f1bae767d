import type { SlackCall, SlackStandIn, StoredMessage } from "../test/stand-ins/slack-server.ts";

let sequence = 0;

/**
 * An `app_mention` in a channel of its own (`channel`), so every Slack call the bot makes for this
 * question can be told apart by channel alone.
 */
export function mentionEvent(
  channel: string,
  botUserId: string,
  text: string,
): Record<string, unknown> & { ts: string } {
  sequence += 1;
  const ts = `${Math.floor(Date.now() / 1000)}.${String(sequence).padStart(6, "0")}`;
  return { type: "app_mention", user: "U0ASKER", text: `<@${botUserId}> ${text}`, ts, channel, event_ts: ts };
}

/** The channel a call was made in (`channel`, or `channel_id` for assistant.threads.*). */
function channelOf(call: SlackCall): unknown {
  return call.args.channel ?? call.args.channel_id;
}

/** Calls that show the asker the question was taken: 👀 on it, or the thread status. */
const visibleMethods = new Set(["reactions.add", "assistant.threads.setStatus"]);
/** Calls that write the answer (streamed, posted or updated into place). */
const replyMethods = new Set([
  "chat.startStream",
  "chat.appendStream",
  "chat.stopStream",
  "chat.update",
  "chat.postMessage",
]);

export function callsIn(slack: SlackStandIn, channel: string): SlackCall[] {
  return slack.calls.filter((call) => channelOf(call) === channel);
}

/** When the first 👀 or thread status for this channel's question reached Slack. */
export function firstVisibleAt(calls: SlackCall[]): number | undefined {
  return calls.find((call) => visibleMethods.has(call.method))?.at;
}

/** When the last call writing the answer reached Slack (the answer is then in its final form). */
export function lastReplyAt(calls: SlackCall[]): number | undefined {
  return calls.findLast((call) => replyMethods.has(call.method))?.at;
}

export function replyCallCount(calls: SlackCall[]): number {
  return calls.filter((call) => replyMethods.has(call.method)).length;
}

/** A finished answer: a bot message no longer streaming, carrying the answer's buttons. */
function isAnswer(message: StoredMessage): boolean {
  return (
    message.bot_id !== undefined &&
    message.streaming_state !== "in_progress" &&
    JSON.stringify(message.blocks ?? []).includes("sabio_approve")
  );
}

/** A question sent: its channel (one per question) and its ts, the thread its answer belongs in. */
export interface Question {
  channel: string;
  ts?: string;
}

/**
 * What the bot left in the question's channel: finished answers (in the question's thread when
 * `ts` is given, anywhere in the channel otherwise) and all its messages there.
 */
export function answersIn(slack: SlackStandIn, question: Question): { answers: number; botMessages: number } {
  const botMessages = slack.messages(question.channel).filter((message) => message.bot_id !== undefined);
  const answers = botMessages.filter(
    (message) => isAnswer(message) && (question.ts === undefined || message.thread_ts === question.ts),
  );
  return { answers: answers.length, botMessages: botMessages.length };
}
