import { startDiscordStandIn } from "../test/stand-ins/discord/discord-server.ts";
import type { Summary } from "./bench-report.ts";
import { type DiscordPhaseSettings, measureDiscord } from "./discord-phases.ts";
import { type ProcessBenchCleanup, runProcessBench } from "./process-bench.ts";
import { freePort } from "./sabio-process.ts";
import { prepareBenchWorkspace } from "./stand-in-sabio.ts";

export { formatDiscordBench } from "./discord-report.ts";

/**
 * The Discord bot end to end, as deployed: a real `sabio start answer discord` child process (the
 * discord.js gateway client: claim, 👀, thread, enqueue; the BullMQ worker on real Redis, hybrid
 * search on a fresh PGlite + LanceDB workspace, drafts edited into the thread, the final answer with
 * its buttons), LOG_LEVEL=info and default settings. This process plays Discord (the stand-in's
 * gateway and REST, with Discord's per-channel rate limits on: 👀 1 per 250 ms, message creates and
 * edits 5 per 5 s, so discord.js's REST queue paces itself as against Discord) and Ollama (the
 * stand-in with a fixed latency per call, timed through a proxy). Timings are when the stand-in
 * received each REST call, from the moment the mention was dispatched on the gateway.
 *
 * 1. One mention at a time (`sequential`, model `modelLatencyMs` per call): mention → 👀, → thread,
 *    → final edit, minus the time inside the model server (the pipeline overhead).
 * 2. Long answers (`long`, tokens `longTokenDelayMs` apart, several seconds of drafts): edits per
 *    answer and per 5 s in the thread.
 * 3. A burst of `burstSize` mentions at once, all in #general (model answering at once): their 👀
 *    queue behind the channel's reaction bucket; every one must be answered exactly once.
 */

export interface DiscordBenchOptions {
  redisUrl?: string;
  /** Mentions answered first and not measured. */
  warmup?: number;
  /** Mentions asked one at a time, each answered before the next. */
  sequential?: number;
  /** Mentions with a slowly streamed answer, one at a time. */
  long?: number;
  /** Mentions dispatched at once in one channel. */
  burstSize?: number;
  modelLatencyMs?: number;
  tokenDelayMs?: number;
  longTokenDelayMs?: number;
}

export interface DiscordBenchResult {
  modelLatencyMs: number;
  tokenDelayMs: number;
  longTokenDelayMs: number;
  sequential: {
    seen: Summary;
    thread: Summary;
    endToEnd: Summary;
    model: Summary;
    overhead: Summary;
    toFirstModelCall: Summary;
    modelDoneToFinal: Summary;
  };
  burst: {
    size: number;
    seen: Summary;
    thread: Summary;
    endToEnd: Summary;
    /** Between successive 👀 in the channel (median): the reaction bucket's pace. */
    reactionGapMs: number;
    /** From the first dispatch until every mention had its final answer. */
    drainSeconds: number;
  };
  edits: {
    /** Edits per answer in each phase: mean and max. */
    sequential: { mean: number; max: number };
    long: { mean: number; max: number };
    burst: { mean: number; max: number };
    /** The most accepted edits in one thread's 5 s bucket window, as Discord counts (limit 5). */
    mostInBucket: number;
    /** The most in any sliding 5 s in one thread (stricter than Discord's fixed windows). */
    mostIn5s: number;
    /** Long answers: the model done → the final edit (would grow if the edit queued behind the bucket). */
    longModelDoneToFinal: Summary;
    /** The shortest gap between two draft edits of one answer. */
    minDraftGapMs: number;
  };
  /** 429s Discord gave, by route (discord.js paces by the headers, so none are expected). */
  rateLimited: Record<string, number>;
  answers: {
    mentions: number;
    exactlyOnce: number;
    noAnswer: number;
    duplicated: number;
    /** Mentions with other than one thread or one 👀. */
    wrongThreadsOrReactions: number;
    /** Bot messages in the threads other than the answers. */
    otherBotMessages: number;
    chatCalls: number;
  };
  cleanup: ProcessBenchCleanup;
}

export async function runDiscordBench(options: DiscordBenchOptions = {}): Promise<DiscordBenchResult> {
  const settings: DiscordPhaseSettings = {
    warmup: options.warmup ?? 5,
    sequential: options.sequential ?? 20,
    long: options.long ?? 3,
    burstSize: options.burstSize ?? 100,
    modelLatencyMs: options.modelLatencyMs ?? 300,
    tokenDelayMs: options.tokenDelayMs ?? 20,
    longTokenDelayMs: options.longTokenDelayMs ?? 600,
  };
  return runProcessBench("discord", options.redisUrl, async (run) => {
    const { redisUrl, prefix, cleanups } = run;
    const { temp, ollama, baseEnv } = await prepareBenchWorkspace("discord", { redisUrl, prefix }, cleanups);
    const discord = await startDiscordStandIn({ rateLimits: true });
    cleanups.push(() => discord.close());
    const timer = await run.timeModel(ollama.host);
    await run.startSabio(
      ["start", "answer", "discord"],
      {
        ...baseEnv,
        OLLAMA_HOST: timer.host,
        REDIS_URL: redisUrl,
        QUEUE_PREFIX: prefix,
        DISCORD_TOKEN: discord.token,
        DISCORD_API_URL: discord.apiUrl,
        SABIO_WORKSPACE: "bench",
        LOG_LEVEL: "info",
        SHUTDOWN_TIMEOUT_SECONDS: "5",
        PORT: String(await freePort()),
      },
      temp,
    );
    return measureDiscord({ discord, ollama, timer }, settings);
  });
}
