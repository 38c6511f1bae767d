import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { SlackCall, SlackStandIn, StoredMessage } from "../test/stand-ins/slack-server.ts";

/** A small handbook written by the bench: every question below is answered by one page. */
const pages: Record<string, string> = {
  "parking.md":
    "# Parking\n\nVisitors park on level minus two of the garage. Staff badges open the north gate; " +
    "the south gate is for deliveries only.\n\n## Bikes\n\nBike racks are next to the main entrance.\n",
  "vacation.md":
    "# Vacation\n\nEvery employee gets twenty-five vacation days a year. Request time off in the HR " +
    "portal at least two weeks ahead, and tell your team in the planning channel.\n",
  "expenses.md":
    "# Expenses\n\nTravel expenses are reimbursed within ten working days of approval. Attach every " +
    "receipt to the expense report; your manager approves reports under five hundred euros.\n",
  "deploys.md":
    "# Deploying the billing service\n\nThe billing service is deployed from the main branch by the " +
    "release pipeline every weekday at noon. Roll back with the previous release tag in the pipeline.\n",
  "wifi.md":
    "# Office wifi\n\nGuests connect to the network called Visitors with the code printed at the " +
    "reception desk. Staff laptops join the Corp network automatically.\n",
  "onboarding.md":
    "# Onboarding\n\nNew hires receive their laptop on the first morning from the IT desk on floor " +
    "three. Their buddy walks them through the handbook during the first week.\n",
};

const questions = [
  "Where do visitors park?",
  "How many vacation days do we get?",
  "How fast are travel expenses reimbursed?",
  "How is the billing service deployed?",
  "How do guests get on the office wifi?",
  "When do new hires get their laptop?",
];

/** Writes the handbook into `folder` (created). */
export async function writeHandbook(folder: string): Promise<void> {
  await mkdir(folder, { recursive: true });
  for (const [name, text] of Object.entries(pages)) await writeFile(join(folder, name), text);
}

export function questionText(index: number): string {
  return questions[index % questions.length] ?? "Where do visitors park?";
}

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
