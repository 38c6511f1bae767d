import { randomUUID } from "node:crypto";
import { Agent } from "node:http";
import { loadDotEnv, parseEnv } from "../shared/config/load-env.ts";
import type { SlackStandIn } from "../test/stand-ins/slack-server.ts";
import { type Summary, summarize } from "./bench-report.ts";
import { freePort, type SabioProcess, spawnSabio, waitForLine } from "./sabio-process.ts";
import { postEvent } from "./slack-post.ts";
import { answersIn, callsIn, lastReplyAt, type Question } from "./slack-questions.ts";
import { prepareStandInBench, signedMention, standInStartEnv } from "./stand-in-sabio.ts";

/**
 * `kill -9` of `sabio start answer slack` while an answer streams, then a restart: how long until
 * the thread holds its one final answer, and that it is one. The flow of cli/kill-mid-answer.test.ts
 * measured: real processes (plain `node cli/main.ts start answer slack`, not PM2's node_args), real
 * Redis, the Slack and Ollama stand-ins in this process.
 *
 * Each run starts a fresh process, asks one question in a channel of its own with the model slow
 * (`killTokenDelayMs` between tokens), kills the process at the first chat.appendStream, starts a
 * new one at once with the model at `tokenDelayMs`, and waits for the finished answer (no longer
 * streaming, with its buttons). The restarted worker finds the killed job only once its lock has
 * expired and a stalled check has run (jobCatalog.questions.stall). Counts are read after the
 * restarted process has shut down cleanly, so a late second answer would have been posted by then.
 * A question asked on the restarted process afterwards, uninterrupted, gives the answer's own time.
 */

export interface KillMidAnswerOptions {
  redisUrl?: string;
  runs?: number;
  /** Between tokens while the answer streams before the kill (slow, so the kill lands mid-stream). */
  killTokenDelayMs?: number;
  /** Between tokens after the restart (20 ms = 50 tokens/s). */
  tokenDelayMs?: number;
}

export interface KillRun {
  /** Restart (spawn) → the last Slack call writing the final answer. */
  restartToAnswerMs: number;
  /** The kill → the same. */
  killToAnswerMs: number;
  /** The kill → the restarted worker logging "job stalled" (undefined when it did not). */
  killToStalledMs: number | undefined;
  /** Restart → "sabio started". */
  restartToStartedMs: number;
  /** A question on the restarted process, nothing killed: event → last answer call. */
  uninterruptedMs: number;
  /** In the thread after the kill: bot messages, and whether the one there was still streaming. */
  fragmentsAtKill: number;
  /** In the thread at the end: finished answers, all bot messages, streams started. */
  answers: number;
  botMessages: number;
  startStreams: number;
  /** The restarted process's exit code after SIGTERM. */
  exitCode: number | null;
}

export interface KillMidAnswerResult {
  killTokenDelayMs: number;
  tokenDelayMs: number;
  runs: KillRun[];
}

export async function runKillMidAnswerBench(
  options: KillMidAnswerOptions = {},
): Promise<KillMidAnswerResult> {
  loadDotEnv();
  const redisUrl = options.redisUrl ?? parseEnv(process.env).REDIS_URL;
  const runs = options.runs ?? 5;
  const killTokenDelayMs = options.killTokenDelayMs ?? 300;
  const tokenDelayMs = options.tokenDelayMs ?? 20;
  const prefix = `sabio-bench-kill-${randomUUID().slice(0, 8)}`;
  const cleanups: (() => Promise<unknown>)[] = [];
  const results: KillRun[] = [];
  try {
    const { temp, ollama, slack, baseEnv } = await prepareStandInBench(
      "crash",
      { redisUrl, prefix },
      cleanups,
    );
    const agent = new Agent({ keepAlive: true });
    cleanups.push(async () => agent.destroy());

    const port = await freePort();
    const env = {
      ...standInStartEnv({ baseEnv, ollamaHost: ollama.host, slackApiUrl: slack.apiUrl, redisUrl, prefix }),
      PORT: String(port),
    };
    const eventsUrl = `http://127.0.0.1:${port}/slack/events`;
    const start = () => spawnSabio(["start", "answer", "slack"], env, temp);
    let running: SabioProcess | undefined;
    cleanups.push(async () => running?.stop());

    for (let run = 0; run < runs; run += 1) {
      running = start();
      await waitForLine(running, /sabio started/, 60_000);
      ollama.tokenDelayMs = killTokenDelayMs;
      const asked = signedMention(`C0KILL${pad(run)}`, 0);
      const { question } = asked;
      const ack = await postEvent(eventsUrl, asked, agent);
      if (ack.status !== 200) throw new Error(`run ${run}: the mention got HTTP ${ack.status}`);
      await until(() => callsIn(slack, question.channel).some((call) => call.method === "chat.appendStream"));

      const killed = running;
      const exited = new Promise((resolve) => killed.child.once("exit", resolve));
      const killAt = Date.now();
      killed.child.kill("SIGKILL");
      await exited;
      const fragmentsAtKill = answersIn(slack, question).botMessages;

      ollama.tokenDelayMs = tokenDelayMs;
      const restartAt = Date.now();
      running = start();
      const stalled = waitForLine(running, /job stalled/, 60_000).then(
        () => Date.now(),
        () => undefined,
      );
      await waitForLine(running, /sabio started/, 60_000);
      const startedAt = Date.now();
      await answeredAndQuiet(slack, question, 60_000);
      const answeredAt = lastReplyAt(callsIn(slack, question.channel)) ?? Number.NaN;
      const stalledAt = await stalled;

      const control = signedMention(`C0CTRL${pad(run)}`, 0);
      const sentAt = Date.now();
      await postEvent(eventsUrl, control, agent);
      await answeredAndQuiet(slack, control.question, 30_000);
      const controlAt = lastReplyAt(callsIn(slack, control.question.channel)) ?? Number.NaN;

      const exitCode = await running.stop();
      running = undefined;
      const final = answersIn(slack, question);
      results.push({
        restartToAnswerMs: answeredAt - restartAt,
        killToAnswerMs: answeredAt - killAt,
        killToStalledMs: stalledAt === undefined ? undefined : stalledAt - killAt,
        restartToStartedMs: startedAt - restartAt,
        uninterruptedMs: controlAt - sentAt,
        fragmentsAtKill,
        answers: final.answers,
        botMessages: final.botMessages,
        startStreams: callsIn(slack, question.channel).filter((call) => call.method === "chat.startStream")
          .length,
        exitCode,
      });
    }
  } finally {
    for (const cleanup of cleanups.reverse()) {
      await cleanup().catch((error: unknown) =>
        console.error(`crash bench: cleanup failed: ${String(error)}`),
      );
    }
  }
  return { killTokenDelayMs, tokenDelayMs, runs: results };
}

/** Polls `condition` every 10 ms; throws after `timeoutMs`. */
async function until(condition: () => boolean, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** A finished answer is in the question's thread and the bot has made no call there for `quietMs`. */
async function answeredAndQuiet(slack: SlackStandIn, question: Question, timeoutMs: number, quietMs = 500) {
  await until(() => {
    if (answersIn(slack, question).answers === 0) return false;
    const last = callsIn(slack, question.channel).at(-1)?.at ?? 0;
    return Date.now() - last >= quietMs;
  }, timeoutMs);
}

function pad(index: number): string {
  return String(index).padStart(3, "0");
}

function seconds(summary: Summary): string {
  return `p50 ${(summary.p50 / 1000).toFixed(1)} s, max ${(summary.max / 1000).toFixed(1)} s`;
}

export function formatKillMidAnswerBench(result: KillMidAnswerResult): string {
  const { runs } = result;
  const pick = (field: (run: KillRun) => number | undefined) =>
    summarize(runs.map(field).filter((value): value is number => value !== undefined));
  const perRun = (field: (run: KillRun) => number | null) => runs.map(field).join(", ");
  const one = runs.every((run) => run.answers === 1 && run.botMessages === 1 && run.startStreams === 1);
  const stalledSeen = runs.filter((run) => run.killToStalledMs !== undefined).length;
  return [
    `Crash mid-answer: kill -9 of \`node cli/main.ts start answer slack\` at the first streamed chunk, restarted at once (${runs.length} runs)`,
    `  model ${result.killTokenDelayMs} ms/token before the kill, ${result.tokenDelayMs} ms/token after`,
    `  restart → the one final answer              ${seconds(pick((run) => run.restartToAnswerMs))}`,
    `  kill → the one final answer                 ${seconds(pick((run) => run.killToAnswerMs))}`,
    `    kill → killed job found stalled           ${seconds(pick((run) => run.killToStalledMs))} (logged in ${stalledSeen}/${runs.length} runs)`,
    `    restart → "sabio started"                 ${seconds(pick((run) => run.restartToStartedMs))}`,
    `  the same question uninterrupted             ${seconds(pick((run) => run.uninterruptedMs))}`,
    `  bot messages in the thread after the kill:  ${perRun((run) => run.fragmentsAtKill)} (the fragment)`,
    `  finished answers in the thread at the end:  ${perRun((run) => run.answers)}`,
    `  bot messages in the thread at the end:      ${perRun((run) => run.botMessages)}`,
    `  chat.startStream calls for the question:    ${perRun((run) => run.startStreams)}`,
    `  restarted process exit code on SIGTERM:     ${perRun((run) => run.exitCode)}`,
    `  exactly one answer message, one stream, every run: ${one ? "✓" : "✗"}`,
  ].join("\n");
}

if (import.meta.main) {
  const runs = Number(process.argv[2] ?? 5);
  console.log(formatKillMidAnswerBench(await runKillMidAnswerBench({ runs })));
  process.exit(0);
}
