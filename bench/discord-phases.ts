import type { DiscordStandIn } from "../test/stand-ins/discord/discord-server.ts";
import { standardIds } from "../test/stand-ins/discord/discord-server.ts";
import type { OllamaStandIn } from "../test/stand-ins/ollama-server.ts";
import { questionText } from "./bench-handbook.ts";
import { median, summarize } from "./bench-report.ts";
import type { DiscordBenchResult } from "./discord-bench.ts";
import {
  callsIn,
  editsIn,
  finalAt,
  type Mention,
  mostInOneBucket,
  mostWithin,
  outcomeOf,
  rateLimitedByRoute,
  seenAt,
} from "./discord-questions.ts";
import { type DiscordTimeline, discordTimelineOf } from "./discord-timeline.ts";
import type { ModelTimer } from "./model-timer.ts";

export interface DiscordPhaseSettings {
  warmup: number;
  sequential: number;
  long: number;
  burstSize: number;
  modelLatencyMs: number;
  tokenDelayMs: number;
  longTokenDelayMs: number;
}

export interface DiscordHarness {
  discord: DiscordStandIn;
  ollama: OllamaStandIn;
  timer: ModelTimer;
}

/** The phases of bench/discord-bench.ts, and what they add up to. */
export async function measureDiscord(
  harness: DiscordHarness,
  settings: DiscordPhaseSettings,
): Promise<Omit<DiscordBenchResult, "cleanup">> {
  const { discord, ollama, timer } = harness;
  const mentions: Mention[] = [];
  let asked = 0;
  /** A member's mention of the bot in #general, dispatched on the gateway now. */
  const ask = (): Mention => {
    const message = discord.mentionMessage({
      channelId: standardIds.general,
      authorId: standardIds.member,
      text: questionText(asked),
    });
    asked += 1;
    const mention = { id: String(message.id), sentAt: Date.now() };
    discord.dispatch("MESSAGE_CREATE", message);
    mentions.push(mention);
    return mention;
  };
  const oneAtATime = async (count: number, withModel: boolean): Promise<DiscordTimeline[]> => {
    const timelines: DiscordTimeline[] = [];
    for (let index = 0; index < count; index += 1) {
      const mention = ask();
      await answered(discord, mention, 60_000);
      timelines.push(discordTimelineOf(discord, mention, withModel ? timer.calls : undefined));
    }
    return timelines;
  };

  // Warm-up, not measured (JIT, connections, LanceDB caches); then one mention at a time.
  await oneAtATime(settings.warmup, false);
  ollama.latencyMs = settings.modelLatencyMs;
  ollama.tokenDelayMs = settings.tokenDelayMs;
  const sequential = await oneAtATime(settings.sequential, true);
  ollama.tokenDelayMs = settings.longTokenDelayMs;
  const long = await oneAtATime(settings.long, true);

  // The burst: every mention dispatched at once in #general, the model answering at once.
  ollama.latencyMs = 0;
  ollama.tokenDelayMs = 0;
  const burstStart = Date.now();
  const burstMentions = Array.from({ length: settings.burstSize }, () => ask());
  for (const mention of burstMentions) await answered(discord, mention, 300_000);
  const drainSeconds =
    (Math.max(...burstMentions.map((mention) => finalAt(callsIn(discord, mention.id)) ?? 0)) - burstStart) /
    1000;
  const burst = burstMentions.map((mention) => discordTimelineOf(discord, mention));
  const burstSeen = burstMentions
    .map((mention) => seenAt(discord, mention) ?? Number.NaN)
    .sort((a, b) => a - b);

  await sleep(1_000); // room for a late duplicate to show up
  const outcomes = mentions.map((mention) => outcomeOf(discord, mention));
  const threads = mentions.map((mention) => callsIn(discord, mention.id));
  const editTimes = threads.map((calls) => editsIn(calls).map((call) => call.at));
  const pick = (lines: DiscordTimeline[], field: keyof DiscordTimeline) =>
    summarize(lines.map((line) => line[field]));
  const editStats = (lines: DiscordTimeline[]) => ({
    mean: lines.reduce((sum, line) => sum + line.edits, 0) / Math.max(1, lines.length),
    max: Math.max(...lines.map((line) => line.edits)),
  });
  return {
    modelLatencyMs: settings.modelLatencyMs,
    tokenDelayMs: settings.tokenDelayMs,
    longTokenDelayMs: settings.longTokenDelayMs,
    sequential: {
      seen: pick(sequential, "seenMs"),
      thread: pick(sequential, "threadMs"),
      endToEnd: pick(sequential, "endToEndMs"),
      model: pick(sequential, "modelMs"),
      overhead: pick(sequential, "overheadMs"),
      toFirstModelCall: pick(sequential, "toFirstModelCallMs"),
      modelDoneToFinal: pick(sequential, "modelDoneToFinalMs"),
    },
    burst: {
      size: settings.burstSize,
      seen: pick(burst, "seenMs"),
      thread: pick(burst, "threadMs"),
      endToEnd: pick(burst, "endToEndMs"),
      reactionGapMs: median(burstSeen.slice(1).map((at, index) => at - (burstSeen[index] ?? at))),
      drainSeconds,
    },
    edits: {
      sequential: editStats(sequential),
      long: editStats(long),
      burst: editStats(burst),
      mostInBucket: Math.max(...editTimes.map((times) => mostInOneBucket(times, 5_000))),
      mostIn5s: Math.max(...editTimes.map((times) => mostWithin(times, 5_000))),
      longModelDoneToFinal: pick(long, "modelDoneToFinalMs"),
      minDraftGapMs: Math.min(...threads.map(minDraftGap)),
    },
    rateLimited: rateLimitedByRoute(discord),
    answers: {
      mentions: outcomes.length,
      exactlyOnce: outcomes.filter(
        (outcome) => outcome.answers === 1 && outcome.threads === 1 && outcome.reactions === 1,
      ).length,
      noAnswer: outcomes.filter((outcome) => outcome.answers === 0).length,
      duplicated: outcomes.filter((outcome) => outcome.answers > 1).length,
      wrongThreadsOrReactions: outcomes.filter((outcome) => outcome.threads !== 1 || outcome.reactions !== 1)
        .length,
      otherBotMessages: outcomes.reduce((sum, outcome) => sum + outcome.botMessages - outcome.answers, 0),
      chatCalls: timer.calls.filter((call) => call.path === "/api/chat").length,
    },
  };
}

/** Between successive draft edits (not the final one) of one thread's answer; Infinity with < 2. */
function minDraftGap(calls: ReturnType<typeof callsIn>): number {
  const drafts = editsIn(calls)
    .filter((call) => ((call.body as { components?: unknown[] }).components ?? []).length === 0)
    .map((call) => call.at);
  return Math.min(...drafts.slice(1).map((at, index) => at - (drafts[index] ?? at)));
}

/**
 * Resolves once the mention has its 👀 (in a burst it may come after the answer: reactions queue
 * behind the channel's bucket), its thread holds the final answer and the bot has made no call
 * there for `quietMs` (the answer is in its final form and the worker has moved on).
 */
async function answered(discord: DiscordStandIn, mention: Mention, timeoutMs: number, quietMs = 150) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const calls = callsIn(discord, mention.id);
    const quiet = Date.now() - (calls.at(-1)?.at ?? 0) >= quietMs;
    if (seenAt(discord, mention) !== undefined && finalAt(calls) !== undefined && quiet) return;
    await sleep(10);
  }
  throw new Error(`no answer to mention ${mention.id} within ${timeoutMs} ms`);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
