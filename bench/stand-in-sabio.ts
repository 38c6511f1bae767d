import { Redis } from "ioredis";
import { redactUrl } from "../shared/log/logger.ts";
import { signSlackRequest, slackEventBody } from "../test/helpers/slack-signing.ts";
import type { SignedEvent } from "./slack-post.ts";
import { mentionEvent, type Question, questionText } from "./slack-questions.ts";
import { runSabio } from "./slack-sabio-process.ts";

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

/** Ingests the handbook folder (bench/slack-questions.ts writes it) into workspace "bench". */
export async function ingestBenchHandbook(
  handbook: string,
  baseEnv: Record<string, string>,
  cwd: string,
): Promise<void> {
  await runSabio(["ingest", handbook, "--workspace", "bench"], baseEnv, cwd);
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
