import type { Redis } from "ioredis";
import type { Logger } from "#shared/log/logger.ts";
import { createInProcessRateLimiter, waitFor } from "./in-process-rate-limiter.ts";
import { createRedisRateLimiter, type RateLimit, type RateLimiter } from "./redis-rate-limiter.ts";

export interface SharedRequestLimiterOptions {
  /** Shared budget across processes when given; otherwise this process keeps its own. */
  redis: Redis | undefined;
  limit: RateLimit;
  /** QUEUE_PREFIX, so deployments sharing a Redis keep separate budgets. */
  prefix: string;
  logger: Logger;
  /** How messages name the API: "Notion", "Drive". */
  service: string;
  /** How long booking a slot in Redis may take before this process books its own (default 2 s). */
  redisTimeoutMs?: number;
}

/**
 * A vendor API's request budget: with Redis the shared GCRA limiter (every worker together stays
 * under the rate; keys are stored hashed), without it an in-process limiter at the same rate. While
 * Redis is unreachable requests fall back to the in-process limiter — with one warning, not a failed
 * sync — and go back to the shared budget once Redis answers again.
 */
export function createSharedRequestLimiter(options: SharedRequestLimiterOptions): RateLimiter {
  const local = createInProcessRateLimiter(options.limit);
  if (options.redis === undefined) return local;
  const shared = createRedisRateLimiter(options.redis, options.limit, { prefix: options.prefix });
  return withFallback(shared, local, {
    redis: options.redis,
    logger: options.logger,
    service: options.service,
    timeoutMs: options.redisTimeoutMs ?? 2_000,
  });
}

/** The shared limiter while Redis answers; the local one (one warning per outage) while it does not. */
function withFallback(
  shared: RateLimiter,
  local: RateLimiter,
  context: { redis: Redis; logger: Logger; service: string; timeoutMs: number },
): RateLimiter {
  const { redis, logger, service, timeoutMs } = context;
  let degraded = false;
  const fallBack = (key: string, cause: unknown): Promise<number> => {
    if (!degraded) {
      degraded = true;
      logger.warn(
        { err: cause instanceof Error ? cause.message : String(cause) },
        `Redis is unreachable: this process limits its ${service} requests on its own until it is back`,
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
        logger.info(`Redis is back: ${service} requests share one budget again`);
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
