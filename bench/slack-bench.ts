import type { Summary } from "./bench-report.ts";
import { type ProcessBenchCleanup, runProcessBench } from "./process-bench.ts";
import { freePort } from "./sabio-process.ts";
import { measureSlack, type SlackPhaseSettings } from "./slack-phases.ts";
import { startBareServer } from "./slack-post.ts";
import { prepareStandInBench, standInStartEnv } from "./stand-in-sabio.ts";

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
  cleanup: ProcessBenchCleanup;
}

export async function runSlackBench(options: SlackBenchOptions = {}): Promise<SlackBenchResult> {
  const settings: SlackPhaseSettings = {
    burstSize: options.burstSize ?? 100,
    bursts: options.bursts ?? 5,
    burstPauseMs: options.burstPauseMs ?? 5_000,
    sequential: options.sequential ?? 50,
    warmup: options.warmup ?? 5,
    modelLatencyMs: options.modelLatencyMs ?? 300,
    tokenDelayMs: options.tokenDelayMs ?? 20,
  };
  return runProcessBench("slack", options.redisUrl, async (run) => {
    const { redisUrl, prefix, cleanups } = run;
    const { temp, ollama, slack, baseEnv } = await prepareStandInBench(
      "slack",
      { redisUrl, prefix },
      cleanups,
    );
    const timer = await run.timeModel(ollama.host);
    const bare = await startBareServer();
    cleanups.push(() => bare.stop());

    const port = await freePort();
    await run.startSabio(
      ["start"],
      {
        ...standInStartEnv({ baseEnv, ollamaHost: timer.host, slackApiUrl: slack.apiUrl, redisUrl, prefix }),
        PORT: String(port),
      },
      temp,
    );
    return measureSlack(
      { eventsUrl: `http://127.0.0.1:${port}/slack/events`, bareUrl: bare.url, slack, ollama, timer },
      settings,
    );
  });
}
