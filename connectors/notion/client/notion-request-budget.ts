import type { Redis } from "ioredis";
import type { Logger } from "#shared/log/logger.ts";
import {
  createRedisRateLimiter,
  type RateLimiter,
  rateLimitedFetch,
} from "#shared/rate-limit/redis-rate-limiter.ts";
import { createInProcessRateLimiter, waitFor } from "./in-process-rate-limiter.ts";

/** Requests one credential may send at once after a quiet spell; the average stays `perSecond`. */
export const notionRequestBurst = 3;

export interface NotionRequestBudgetOptions {
  /** Shared budget across processes when given; otherwise this process keeps its own. */
  redis: Redis | undefined;
  /** NOTION_REQUESTS_PER_SECOND. */
  perSecond: number;
  /** QUEUE_PREFIX, so deployments sharing a Redis keep separate budgets. */
  prefix: string;
  logger: Logger;
  /** How long booking a slot in Redis may take before this process books its own (default 2 s). */
  redisTimeoutMs?: number;
}

/**
 * A fetch per credential that spends from the token's request budget (~3 requests/s per Notion
 * integration), so every worker together stays under Notion's limit. With Redis the budget is the
 * shared GCRA limiter (the key names the credential; the limiter stores only its hash); without it
 * (a CLI run on its own) an in-process limiter at the same rate. While Redis is unreachable requests
 * fall back to the in-process limiter — with one warning, not a failed sync — and go back to the
 * shared budget once Redis answers again.
 *
 * The key is the credential and the API origin: in production the origin is always Notion's, and a
 * stand-in on another port is another server with its own budget.
 */
export function notionRequestBudget(
  options: NotionRequestBudgetOptions,
): (credentialKey: string) => typeof fetch {
  const limit = { perSecond: options.perSecond, burst: notionRequestBurst };
  const local = createInProcessRateLimiter(limit);
  const limiter =
    options.redis === undefined
      ? local
      : withFallback(createRedisRateLimiter(options.redis, limit, { prefix: options.prefix }), local, {
          redis: options.redis,
          logger: options.logger,
          timeoutMs: options.redisTimeoutMs ?? 2_000,
        });
  // Notion's Retry-After holds back every worker on this token, not only the one it answered.
  return (credentialKey) => rateLimitedFetch(limiter, (input) => `${credentialKey}@${originOf(input)}`);
}

/** The shared limiter while Redis answers; the local one (one warning per outage) while it does not. */
function withFallback(
  shared: RateLimiter,
  local: RateLimiter,
  context: { redis: Redis; logger: Logger; timeoutMs: number },
): RateLimiter {
  const { redis, logger, timeoutMs } = context;
  let degraded = false;
  const fallBack = (key: string, cause: unknown): Promise<number> => {
    if (!degraded) {
      degraded = true;
      logger.warn(
        { err: cause instanceof Error ? cause.message : String(cause) },
        "Redis is unreachable: this process limits its Notion requests on its own until it is back",
      );
    }
    return local.reserve(key);
  };
  const reserve = async (key: string): Promise<number> => {
    // A connection that lost Redis would queue the command (workers) or fail it (producers): skip it.
    if (["reconnecting", "close", "end"].includes(redis.status))
      return fallBack(key, `redis ${redis.status}`);
    try {
      const wait = await withTimeout(shared.reserve(key), timeoutMs);
      if (degraded) {
        degraded = false;
        logger.info("Redis is back: Notion requests share one budget again");
      }
      return wait;
    } catch (error) {
      return fallBack(key, error);
    }
  };
  return {
    reserve,
    async pause(key, ms) {
      await local.pause(key, ms);
      if (!degraded) await withTimeout(shared.pause(key, ms), timeoutMs).catch(() => {});
    },
    async acquire(key, signal) {
      await waitFor(await reserve(key), signal);
    },
  };
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function originOf(input: string | URL | Request): string {
  const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
  return new URL(url).origin;
}
