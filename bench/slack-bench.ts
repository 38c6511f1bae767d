import { randomUUID } from "node:crypto";
import { Agent } from "node:http";
import { loadDotEnv, parseEnv } from "../shared/config/load-env.ts";
import type { OllamaStandIn } from "../test/stand-ins/ollama-server.ts";
import type { SlackStandIn } from "../test/stand-ins/slack-server.ts";
import { median, type Summary, summarize } from "./bench-report.ts";
import { type ModelTimer, startModelTimer } from "./model-timer.ts";
import { freePort, spawnSabio, waitForLine } from "./sabio-process.ts";
import { type Ack, burstFromChild, postEvent, startBareServer } from "./slack-post.ts";
import { answersIn, callsIn, type Question } from "./slack-questions.ts";
import { type Timeline, timelineOf } from "./slack-timeline.ts";
import { prepareStandInBench, redisKeysLeft, signedMention, standInStartEnv } from "./stand-in-sabio.ts";

export { formatSlackBench } from "./slack-report.ts";

/**
 * The Slack bot end to end, as deployed: a real `sabio start` child process running the slack role
 * (Bolt in HTTP mode, signature checks, dedupe, 👀 + status, enqueue) and the answer role (BullMQ
 * worker on real Redis, hybrid search on a fresh PGlite + LanceDB workspace, streamed reply), with
 * LOG_LEVEL=info and default settings (ANSWER_CONCURRENCY 2). This process plays Slack (signed
 * events in; the Web API stand-in records when each call arrives) and Ollama (the stand-in with a
 * fixed latency per call, timed through a proxy). Both share the machine with Sabio, so the figures
 * include the bench's own CPU use; the bare-server floor, measured alongside, shows how much.
 *
 * 1. Acknowledgement under load: `bursts` × `burstSize` distinct signed app_mentions POSTed at
 *    once from a separate process, each on a new connection; the same bursts against a bare HTTP
 *    server give the floor.
 * 2. Event → first visible status (first reactions.add or assistant.threads.setStatus), and
 * 3. pipeline overhead (event → last Slack call writing the answer, minus the time inside the model
 *    server), over `sequential` questions asked one at a time on an idle bot.
 * Every question goes to a channel of its own, so each Slack call is attributed by channel; every
 * channel must end with exactly one answer.
 */

export interface SlackBenchOptions {
  redisUrl?: string;
  /** Events POSTed at once (target: every ack < 3 s, p99 ≤ 100 ms). */
  burstSize?: number;
  /** How many such bursts are measured (after one that is not), each answered before the next. */
  bursts?: number;
  /** Quiet before each burst: longer than the keep-alive of the bot's connections to Slack. */
  burstPauseMs?: number;
  /** Questions asked one at a time, each answered before the next. */
  sequential?: number;
  /** Questions answered first and not measured (JIT, connections, LanceDB caches). */
  warmup?: number;
  /** The stand-in model's fixed latency per call (embed and chat) for the sequential questions. */
  modelLatencyMs?: number;
  /** Between streamed tokens, for the sequential questions (20 ms = 50 tokens/s). */
  tokenDelayMs?: number;
}

export interface SlackBenchResult {
  modelLatencyMs: number;
  tokenDelayMs: number;
  burst: {
    size: number;
    count: number;
    /** Every ack of every burst. */
    ack: Summary;
    /** p99 of each burst on its own. */
    p99s: number[];
    /** Their median: the figure held against the target (the machine is shared and noisy). */
    medianP99: number;
    /** Acks that took 3 s or more, or were not HTTP 200. */
    late: number;
    /** The same bursts against a bare node:http server (the client's and the machine's floor). */
    bare: Summary;
    /** From a burst's first POST until all its questions were answered (median over bursts). */
    drainSeconds: number;
  };
  sequential: {
    ack: Summary;
    firstVisible: Summary;
    endToEnd: Summary;
    model: Summary;
    overhead: Summary;
    toFirstModelCall: Summary;
    betweenModelCalls: Summary;
    modelDoneToPosted: Summary;
    /** Slack calls writing one answer (stream start/append/stop, update, posts): median. */
    replyCalls: number;
  };
  answers: {
    questions: number;
    exactlyOne: number;
    none: number;
    duplicated: number;
    /** Bot messages other than a finished answer in the question's thread (errors, drafts, strays). */
    otherBotMessages: number;
    /** Requests to /api/chat: one per question means every answer was generated. */
    chatCalls: number;
  };
  cleanup: { exitCode: number | null; redisKeysLeft: number };
}

interface Settings {
  burstSize: number;
  bursts: number;
  burstPauseMs: number;
  sequential: number;
  warmup: number;
  modelLatencyMs: number;
  tokenDelayMs: number;
}

export async function runSlackBench(options: SlackBenchOptions = {}): Promise<SlackBenchResult> {
  loadDotEnv();
  const redisUrl = options.redisUrl ?? parseEnv(process.env).REDIS_URL;
  const settings: Settings = {
    burstSize: options.burstSize ?? 100,
    bursts: options.bursts ?? 5,
    burstPauseMs: options.burstPauseMs ?? 5_000,
    sequential: options.sequential ?? 50,
    warmup: options.warmup ?? 5,
    modelLatencyMs: options.modelLatencyMs ?? 300,
    tokenDelayMs: options.tokenDelayMs ?? 20,
  };
  const prefix = `sabio-bench-${randomUUID().slice(0, 8)}`;
  // Undone in reverse order, whatever happens: the Sabio process, servers, Redis keys, temp dir.
  const cleanups: (() => Promise<unknown>)[] = [];
  let exitCode: number | null = null;
  let measured: Omit<SlackBenchResult, "cleanup">;
  try {
    const { temp, ollama, slack, baseEnv } = await prepareStandInBench(
      "slack",
      { redisUrl, prefix },
      cleanups,
    );
    const timer = await startModelTimer(ollama.host);
    cleanups.push(() => timer.close());
    const bare = await startBareServer();
    cleanups.push(() => bare.stop());

    const port = await freePort();
    const sabio = spawnSabio(
      ["start"],
      {
        ...standInStartEnv({
          baseEnv,
          ollamaHost: timer.host,
          slackApiUrl: slack.apiUrl,
          redisUrl,
          prefix,
        }),
        PORT: String(port),
      },
      temp,
    );
    // Stopped before anything else is undone (it writes to Redis while shutting down).
    cleanups.push(async () => {
      exitCode = await sabio.stop();
    });
    await waitForLine(sabio, /sabio started/);
    measured = await measure(
      { eventsUrl: `http://127.0.0.1:${port}/slack/events`, bareUrl: bare.url, slack, ollama, timer },
      settings,
    );
  } finally {
    for (const cleanup of cleanups.reverse()) {
      await cleanup().catch((error: unknown) =>
        console.error(`slack bench: cleanup failed: ${String(error)}`),
      );
    }
  }
  return { ...measured, cleanup: { exitCode, redisKeysLeft: await redisKeysLeft(redisUrl, prefix) } };
}

interface Harness {
  eventsUrl: string;
  bareUrl: string;
  slack: SlackStandIn;
  ollama: OllamaStandIn;
  timer: ModelTimer;
}

async function measure(harness: Harness, settings: Settings): Promise<Omit<SlackBenchResult, "cleanup">> {
  const { eventsUrl, slack, ollama, timer } = harness;
  /** Every question sent to Sabio: its channel and its ts (the thread its answer belongs in). */
  const questions: Question[] = [];
  const keepAlive = new Agent({ keepAlive: true });
  const ask = (channel: string, index: number) => {
    const event = signedMention(channel, index);
    questions.push(event.question);
    return postEvent(eventsUrl, event, keepAlive);
  };
  try {
    // Warm-up, not measured: every path once or more.
    for (let index = 0; index < settings.warmup; index += 1) {
      const channel = `C0WARM${pad(index)}`;
      await ask(channel, index);
      await answered(slack, channel, 30_000);
    }

    // 1. Bursts: one to warm up, then the measured ones, each after `burstPauseMs` of quiet (so
    //    the bot's pooled connections to Slack have closed, as after a lull) and each right after
    //    the same burst against the bare server. The model answers at once here, so the worker
    //    runs flat out beside the acks (the harder case for them).
    const acks: Ack[][] = [];
    const bareAcks: Ack[][] = [];
    const drains: number[] = [];
    for (let burst = 0; burst <= settings.bursts; burst += 1) {
      const fakes = Array.from({ length: settings.burstSize }, (_, index) =>
        signedMention(`C0FLOOR${pad(index)}`, index),
      );
      await sleep(settings.burstPauseMs);
      const floor = await burstFromChild(harness.bareUrl, fakes);
      const burstChannels = Array.from(
        { length: settings.burstSize },
        (_, index) => `C${burst}BURST${pad(index)}`,
      );
      const events = burstChannels.map((channel, index) => signedMention(channel, index));
      questions.push(...events.map((event) => event.question));
      const started = performance.now();
      const burstAcks = await burstFromChild(eventsUrl, events);
      for (const channel of burstChannels) await answered(slack, channel, 180_000);
      if (burst === 0) continue; // the warm-up burst
      acks.push(burstAcks);
      bareAcks.push(floor);
      drains.push((performance.now() - started) / 1000);
    }

    // 2 and 3. One question at a time, the model with its fixed latency and token pace.
    ollama.latencyMs = settings.modelLatencyMs;
    ollama.tokenDelayMs = settings.tokenDelayMs;
    const timelines: Timeline[] = [];
    for (let index = 0; index < settings.sequential; index += 1) {
      const channel = `C0SEQ${pad(index)}`;
      const sentAt = Date.now();
      const ack = await ask(channel, index);
      await answered(slack, channel, 30_000);
      timelines.push(timelineOf(callsIn(slack, channel), sentAt, ack.ms, timer.calls));
    }

    await sleep(1_000); // room for a late duplicate to show up
    const counts = questions.map((question) => answersIn(slack, question));
    const all = acks.flat();
    const pick = (field: keyof Omit<Timeline, "replyCalls">) =>
      summarize(timelines.map((line) => line[field]));
    return {
      modelLatencyMs: settings.modelLatencyMs,
      tokenDelayMs: settings.tokenDelayMs,
      burst: {
        size: settings.burstSize,
        count: settings.bursts,
        ack: summarize(all.map((ack) => ack.ms)),
        p99s: acks.map((burst) => summarize(burst.map((ack) => ack.ms)).p99),
        medianP99: median(acks.map((burst) => summarize(burst.map((ack) => ack.ms)).p99)),
        late: all.filter((ack) => ack.status !== 200 || ack.ms >= 3_000).length,
        bare: summarize(bareAcks.flat().map((ack) => ack.ms)),
        drainSeconds: median(drains),
      },
      sequential: {
        ack: pick("ackMs"),
        firstVisible: pick("firstVisibleMs"),
        endToEnd: pick("endToEndMs"),
        model: pick("modelMs"),
        overhead: pick("overheadMs"),
        toFirstModelCall: pick("toFirstModelCallMs"),
        betweenModelCalls: pick("betweenModelCallsMs"),
        modelDoneToPosted: pick("modelDoneToPostedMs"),
        replyCalls: summarize(timelines.map((line) => line.replyCalls)).p50,
      },
      answers: {
        questions: counts.length,
        exactlyOne: counts.filter((count) => count.answers === 1).length,
        none: counts.filter((count) => count.answers === 0).length,
        duplicated: counts.filter((count) => count.answers > 1).length,
        otherBotMessages: counts.reduce((sum, count) => sum + count.botMessages - count.answers, 0),
        chatCalls: timer.calls.filter((call) => call.path === "/api/chat").length,
      },
    };
  } finally {
    keepAlive.destroy();
  }
}

/**
 * Resolves once the channel's question has a finished answer and the bot has made no call there
 * for `quietMs` (the answer is in its final form and the worker has moved on).
 */
async function answered(slack: SlackStandIn, channel: string, timeoutMs: number, quietMs = 150) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (answersIn(slack, { channel }).answers > 0) {
      const last = callsIn(slack, channel).at(-1)?.at ?? 0;
      if (Date.now() - last >= quietMs) return;
    }
    await sleep(10);
  }
  throw new Error(`no answer in ${channel} within ${timeoutMs} ms`);
}

function pad(index: number): string {
  return String(index).padStart(4, "0");
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
