import type { DiscordStandIn } from "../test/stand-ins/discord/discord-server.ts";
import { callsIn, editsIn, finalAt, type Mention, seenAt, threadAt } from "./discord-questions.ts";
import { type ModelCall, modelTimeWithin } from "./model-timer.ts";

/** One mention, in milliseconds from its MESSAGE_CREATE being dispatched. */
export interface DiscordTimeline {
  /** → Discord accepting the 👀 on the question. */
  seenMs: number;
  /** → the answer's thread started on the question. */
  threadMs: number;
  /** → the edit (or message) giving the answer its final form, buttons included. */
  endToEndMs: number;
  /** Of endToEnd, the time some request was inside the model server (embed, chat). */
  modelMs: number;
  /** endToEnd − model: what Sabio (and Discord's pacing) adds. */
  overheadMs: number;
  /** → the first request to the model server (gateway, claim, thread, enqueue, worker, search start). */
  toFirstModelCallMs: number;
  /** The last model reply finished → the final edit (render, the edit itself). */
  modelDoneToFinalMs: number;
  /** Accepted edits of the answer (drafts and the final one). */
  edits: number;
}

/**
 * Reads one mention's timeline off the stand-in's calls and the model calls made while it was
 * answered. With `modelCalls`, the mention must have been the only one in flight (asked one at a
 * time); without, model fields are NaN (a burst, where model time cannot be told apart).
 */
export function discordTimelineOf(
  discord: DiscordStandIn,
  mention: Mention,
  modelCalls?: ModelCall[],
): DiscordTimeline {
  const thread = callsIn(discord, mention.id);
  const seen = seenAt(discord, mention);
  const started = threadAt(discord, mention);
  const final = finalAt(thread);
  if (seen === undefined || started === undefined || final === undefined) {
    throw new Error(`mention ${mention.id}: no 👀, no thread or no final answer reached Discord`);
  }
  const endToEndMs = final - mention.sentAt;
  const base = {
    seenMs: seen - mention.sentAt,
    threadMs: started - mention.sentAt,
    endToEndMs,
    edits: editsIn(thread).length,
  };
  if (!modelCalls) {
    return {
      ...base,
      modelMs: Number.NaN,
      overheadMs: Number.NaN,
      toFirstModelCallMs: Number.NaN,
      modelDoneToFinalMs: Number.NaN,
    };
  }
  const own = modelCalls.filter((call) => call.end > mention.sentAt && call.start < final);
  if (own.length === 0) throw new Error(`mention ${mention.id}: answered without the model`);
  const modelMs = modelTimeWithin(own, mention.sentAt, final);
  return {
    ...base,
    modelMs,
    overheadMs: endToEndMs - modelMs,
    toFirstModelCallMs: Math.min(...own.map((call) => call.start)) - mention.sentAt,
    modelDoneToFinalMs: final - Math.max(...own.map((call) => call.end)),
  };
}
