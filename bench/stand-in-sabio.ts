import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Redis } from "ioredis";
import { redactUrl } from "../shared/log/logger.ts";
import { removeQueues } from "../shared/queue/remove-queues.ts";
import { signSlackRequest, slackEventBody } from "../test/helpers/slack-signing.ts";
import { type OllamaStandIn, startOllamaStandIn } from "../test/stand-ins/ollama-server.ts";
import { type SlackStandIn, startSlackStandIn } from "../test/stand-ins/slack-server.ts";
import { questionText, writeHandbook } from "./bench-handbook.ts";
import { runSabio } from "./sabio-process.ts";
import type { SignedEvent } from "./slack-post.ts";
import { mentionEvent, type Question } from "./slack-questions.ts";

/**
 * What the benches that run real `sabio start` processes share: the bench's Slack app (the
 * stand-in's team and bot, the signing secret), a Redis that fails fast, the handbook ingested
 * into workspace "bench", the environment of a `start` wired to the stand-ins, signed mentions.
 */
export const benchSlackApp = {
  signingSecret: "bench-signing-secret",
  teamId: "T0BENCH",
  botUserId: "U0SABIOBOT",
} as const;

/** A Redis connection that fails at once (naming the bench) when nothing answers at `redisUrl`. */
export async function connectBenchRedis(redisUrl: string, bench: string): Promise<Redis> {
  const redis = new Redis(redisUrl, {
    lazyConnect: true,
    maxRetriesPerRequest: 1,
    retryStrategy: () => null,
  });
  await redis.connect().catch((error: unknown) => {
    throw new Error(`the ${bench} bench needs Redis at ${redactUrl(redisUrl)}: ${String(error)}`);
  });
  return redis;
}

/** Ingests the handbook folder (bench/bench-handbook.ts writes it) into workspace "bench". */
export async function ingestBenchHandbook(
  handbook: string,
  baseEnv: Record<string, string>,
  cwd: string,
): Promise<void> {
  await runSabio(["ingest", handbook, "--workspace", "bench"], baseEnv, cwd);
}

export interface BenchWorkspace {
  redis: Redis;
  /** The bench's temp dir: the handbook, the data dir, the children's cwd and HOME. */
  temp: string;
  ollama: OllamaStandIn;
  /** PATH, HOME and DATA_DIR of the children (the handbook is ingested there). */
  baseEnv: Record<string, string>;
}

export interface StandInBench extends BenchWorkspace {
  slack: SlackStandIn;
}

/**
 * Redis (keys under `prefix` removed afterwards), a temp dir holding the handbook ingested into
 * workspace "bench", and the Ollama stand-in (answering at once): what every platform's bench
 * starts from. Each undo is pushed onto `cleanups`, for the caller to run in reverse order
 * whatever happens.
 */
export async function prepareBenchWorkspace(
  bench: string,
  options: { redisUrl: string; prefix: string },
  cleanups: (() => Promise<unknown>)[],
): Promise<BenchWorkspace> {
  const redis = await connectBenchRedis(options.redisUrl, bench);
  cleanups.push(
    () => redis.quit(),
    () => removeQueues(redis, options.prefix),
  );
  const temp = await mkdtemp(join(tmpdir(), `sabio-bench-${bench}-`));
  cleanups.push(() => rm(temp, { recursive: true, force: true }));
  const ollama = await startOllamaStandIn({ latencyMs: 0, tokenDelayMs: 0 });
  cleanups.push(() => ollama.stop());
  const handbook = join(temp, "handbook");
  await writeHandbook(handbook);
  const baseEnv = { PATH: process.env.PATH ?? "", HOME: temp, DATA_DIR: join(temp, "data") };
  await ingestBenchHandbook(handbook, { ...baseEnv, OLLAMA_HOST: ollama.host }, temp);
  return { redis, temp, ollama, baseEnv };
}

/** prepareBenchWorkspace plus the Slack stand-in (the bench's team and bot). */
export async function prepareStandInBench(
  bench: string,
  options: { redisUrl: string; prefix: string },
  cleanups: (() => Promise<unknown>)[],
): Promise<StandInBench> {
  const workspace = await prepareBenchWorkspace(bench, options, cleanups);
  const slack = await startSlackStandIn({ teamId: benchSlackApp.teamId, botUserId: benchSlackApp.botUserId });
  cleanups.push(() => slack.close());
  return { ...workspace, slack };
}

/** Keys a run left under its prefix (checked after cleanup, on a fresh connection). */
export async function redisKeysLeft(redisUrl: string, prefix: string): Promise<number> {
  const redis = new Redis(redisUrl);
  try {
    return (await redis.keys(`${prefix}:*`)).length;
  } finally {
    await redis.quit();
  }
}

export interface StandInStartOptions {
  /** PATH, HOME, DATA_DIR (and DATABASE_URL): what the ingest ran with. */
  baseEnv: Record<string, string>;
  ollamaHost: string;
  slackApiUrl: string;
  redisUrl: string;
  prefix: string;
}

/**
 * The environment of `sabio start` against the stand-ins: single-workspace Slack over HTTP
 * (bot token + signing secret), LOG_LEVEL=info as in production, a short shutdown timeout.
 * The caller adds PORT and anything of its own.
 */
export function standInStartEnv(options: StandInStartOptions): Record<string, string> {
  return {
    ...options.baseEnv,
    OLLAMA_HOST: options.ollamaHost,
    REDIS_URL: options.redisUrl,
    QUEUE_PREFIX: options.prefix,
    SLACK_BOT_TOKEN: "xoxb-bench-token",
    SLACK_SIGNING_SECRET: benchSlackApp.signingSecret,
    SLACK_API_URL: options.slackApiUrl,
    SABIO_WORKSPACE: "bench",
    LOG_LEVEL: "info",
    SHUTDOWN_TIMEOUT_SECONDS: "5",
  };
}

/** A signed app_mention of the `index`th bench question in `channel`, and where its answer belongs. */
export function signedMention(channel: string, index: number): SignedEvent & { question: Question } {
  const { teamId, botUserId, signingSecret } = benchSlackApp;
  const event = mentionEvent(channel, botUserId, questionText(index));
  const body = slackEventBody(event, { teamId, botUserId });
  return {
    body,
    headers: { "content-type": "application/json", ...signSlackRequest(body, signingSecret) },
    question: { channel, ts: String(event.ts) },
  };
}
