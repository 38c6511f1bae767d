import type { SlackCall } from "../test/stand-ins/slack-server.ts";
import { type ModelCall, modelTimeWithin } from "./model-timer.ts";
import { firstVisibleAt, lastReplyAt, replyCallCount } from "./slack-questions.ts";

/** One question asked on an idle bot, in milliseconds from the event being sent. */
export interface Timeline {
  ackMs: number;
  /** → the first 👀 reaction or thread status reaching Slack. */
  firstVisibleMs: number;
  /** → the last call writing the answer reaching Slack. */
  endToEndMs: number;
  /** Of endToEnd, the time some request was inside the model server (embed, chat). */
  modelMs: number;
  /** endToEnd − model: what Sabio adds. */
  overheadMs: number;
  /** → the first request to the model server (receive, dedupe, enqueue, worker, record, analyse). */
  toFirstModelCallMs: number;
  /** Between the first model request's start and the last one's end, outside the model (search, prompt). */
  betweenModelCallsMs: number;
  /** The last model reply finished → the last call writing the answer (render, stop, update). */
  modelDoneToPostedMs: number;
  /** Slack calls writing the answer. */
  replyCalls: number;
}

/**
 * Reads one question's timeline off the Slack calls made in its channel and the model calls made
 * while it was being answered (questions are asked one at a time, so those are all its own).
 */
export function timelineOf(
  calls: SlackCall[],
  sentAt: number,
  ackMs: number,
  modelCalls: ModelCall[],
): Timeline {
  const visibleAt = firstVisibleAt(calls);
  const postedAt = lastReplyAt(calls);
  const channel = String(calls[0]?.args.channel ?? calls[0]?.args.channel_id ?? "?");
  if (visibleAt === undefined || postedAt === undefined) {
    throw new Error(`question in ${channel}: no status or no answer reached Slack`);
  }
  const own = modelCalls.filter((call) => call.end > sentAt && call.start < postedAt);
  if (own.length === 0) throw new Error(`question in ${channel}: answered without the model`);
  const firstStart = Math.min(...own.map((call) => call.start));
  const lastEnd = Math.max(...own.map((call) => call.end));
  const modelMs = modelTimeWithin(own, sentAt, postedAt);
  const endToEndMs = postedAt - sentAt;
  return {
    ackMs,
    firstVisibleMs: visibleAt - sentAt,
    endToEndMs,
    modelMs,
    overheadMs: endToEndMs - modelMs,
    toFirstModelCallMs: firstStart - sentAt,
    betweenModelCallsMs: lastEnd - firstStart - modelTimeWithin(own, firstStart, lastEnd),
    modelDoneToPostedMs: postedAt - lastEnd,
    replyCalls: replyCallCount(calls),
  };
}
