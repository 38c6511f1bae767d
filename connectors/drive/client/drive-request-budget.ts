import type { Redis } from "ioredis";
import type { Logger } from "#shared/log/logger.ts";
import type { RateLimiter } from "#shared/rate-limit/redis-rate-limiter.ts";
import { createSharedRequestLimiter } from "#shared/rate-limit/shared-request-limiter.ts";
import { isRateLimitResponse } from "./drive-error-reason.ts";

/**
 * Drive's default quota is 12,000 queries a minute per project (~200/s) and a per-user share of it:
 * 10/s per credential leaves room for several connections and for other apps of the project.
 */
export const driveRequestDefaults = { perSecond: 10, burst: 10 } as const;

export interface DriveRequestLimiterOptions {
  /** Shared budget across processes when given; otherwise this process keeps its own. */
  redis: Redis | undefined;
  /** QUEUE_PREFIX, so deployments sharing a Redis keep separate budgets. */
  prefix: string;
  logger: Logger;
  /** Average requests per second per credential (default 10). */
  perSecond?: number;
  /** Requests let through at once after a quiet spell (default 10). */
  burst?: number;
  redisTimeoutMs?: number;
}

/** The limiter Drive requests book slots with: Redis-shared, or this process's own without Redis. */
export function createDriveRequestLimiter(options: DriveRequestLimiterOptions): RateLimiter {
  return createSharedRequestLimiter({
    redis: options.redis,
    limit: {
      perSecond: options.perSecond ?? driveRequestDefaults.perSecond,
      burst: options.burst ?? driveRequestDefaults.burst,
    },
    prefix: options.prefix,
    logger: options.logger,
    service: "Drive",
    ...(options.redisTimeoutMs === undefined ? {} : { redisTimeoutMs: options.redisTimeoutMs }),
  });
}

/**
 * A fetch per credential that books a slot before every request, so all workers on one credential
 * stay under its rate together; a rate limit with Retry-After (429, or Drive's 403 quota reasons)
 * holds back every request on that credential, not only the one that was told. The key is the
 * credential and the API origin (a stand-in on another port is another server with its own budget).
 */
export function driveRequestBudget(limiter: RateLimiter): (credentialKey: string) => typeof fetch {
  return (credentialKey) => async (input, init) => {
    const key = `${credentialKey}@${new URL(urlOf(input)).origin}`;
    await limiter.acquire(key, init?.signal ?? undefined);
    const response = await fetch(input, init);
    const seconds = Number(response.headers.get("retry-after"));
    if (Number.isFinite(seconds) && seconds > 0 && (await isRateLimitResponse(response))) {
      // A pause that cannot be recorded must not cost the answer already in hand.
      await limiter.pause(key, Math.min(seconds, 600) * 1000).catch(() => {});
    }
    return response;
  };
}

function urlOf(input: string | URL | Request): string {
  return typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
}
