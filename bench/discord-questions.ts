import type { DiscordCall, DiscordStandIn } from "../test/stand-ins/discord/discord-server.ts";

/** A mention dispatched to Sabio: its message id (and so its thread's) and when it was sent. */
export interface Mention {
  id: string;
  sentAt: number;
}

const accepted = (call: DiscordCall) => call.status >= 200 && call.status < 300;
const replyRoutes = new Set(["createMessage", "editMessage"]);

/** The answer's last form carries its buttons; drafts and "Thinking…" have `components: []`. */
function isFinal(call: DiscordCall): boolean {
  const components = (call.body as { components?: unknown[] } | undefined)?.components;
  return replyRoutes.has(call.route) && Array.isArray(components) && components.length > 0;
}

/** Accepted calls in a channel or thread (the route's channel_id). */
export function callsIn(discord: DiscordStandIn, channelId: string): DiscordCall[] {
  return discord.calls.filter((call) => accepted(call) && call.params.channel_id === channelId);
}

/** When Discord accepted the 👀 on the mention. */
export function seenAt(discord: DiscordStandIn, mention: Mention): number | undefined {
  return discord
    .callsTo("addReaction")
    .find((call) => accepted(call) && call.params.message_id === mention.id && call.params.emoji === "👀")
    ?.at;
}

/** When the mention's thread was started. */
export function threadAt(discord: DiscordStandIn, mention: Mention): number | undefined {
  return discord
    .callsTo("startThreadFromMessage")
    .find((call) => accepted(call) && call.params.message_id === mention.id)?.at;
}

/** When the answer took its final form (the last accepted write carrying the buttons). */
export function finalAt(threadCalls: DiscordCall[]): number | undefined {
  return threadCalls.findLast(isFinal)?.at;
}

/** Accepted message edits in the thread (drafts and the final answer). */
export function editsIn(threadCalls: DiscordCall[]): DiscordCall[] {
  return threadCalls.filter((call) => call.route === "editMessage");
}

/** The most calls that fell within any `windowMs` (times in any order). */
export function mostWithin(times: number[], windowMs: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let most = 0;
  let first = 0;
  for (let last = 0; last < sorted.length; last += 1) {
    while ((sorted[last] ?? 0) - (sorted[first] ?? 0) >= windowMs) first += 1;
    most = Math.max(most, last - first + 1);
  }
  return most;
}

/**
 * The most calls in one window as Discord's buckets count them: a window opens with the first call
 * after the last one closed and lasts `windowMs` (the stand-in's rule, rate-limits.ts).
 */
export function mostInOneBucket(times: number[], windowMs: number): number {
  let most = 0;
  let resetAt = Number.NEGATIVE_INFINITY;
  let count = 0;
  for (const at of [...times].sort((a, b) => a - b)) {
    if (at >= resetAt) {
      resetAt = at + windowMs;
      count = 0;
    }
    count += 1;
    most = Math.max(most, count);
  }
  return most;
}

/** What Sabio left for one mention: each must be 1, and nothing else from the bot in its thread. */
export interface MentionOutcome {
  threads: number;
  reactions: number;
  answers: number;
  botMessages: number;
}

export function outcomeOf(discord: DiscordStandIn, mention: Mention): MentionOutcome {
  const ofMention = (route: string) =>
    discord.callsTo(route).filter((call) => accepted(call) && call.params.message_id === mention.id);
  const botMessages = discord
    .messages(mention.id)
    .filter((message) => message.author.id === discord.botUserId);
  return {
    threads: ofMention("startThreadFromMessage").length,
    reactions: ofMention("addReaction").length,
    answers: botMessages.filter((message) => (message.components ?? []).length > 0).length,
    botMessages: botMessages.length,
  };
}

/** Calls Discord refused with 429, by route. */
export function rateLimitedByRoute(discord: DiscordStandIn): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const call of discord.calls) {
    if (call.status === 429) counts[call.route] = (counts[call.route] ?? 0) + 1;
  }
  return counts;
}
