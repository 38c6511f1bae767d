import type { Redis } from "ioredis";
import type { Logger } from "#shared/log/logger.ts";
import { rateLimitedFetch } from "#shared/rate-limit/redis-rate-limiter.ts";
import { createSharedRequestLimiter } from "#shared/rate-limit/shared-request-limiter.ts";

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
 * integration), so every worker together stays under Notion's limit: the shared Redis limiter, or
 * this process's own while there is no Redis (see createSharedRequestLimiter).
 *
 * The key is the credential and the API origin: in production the origin is always Notion's, and a
 * stand-in on another port is another server with its own budget.
 */
export function notionRequestBudget(
  options: NotionRequestBudgetOptions,
): (credentialKey: string) => typeof fetch {
  const limiter = createSharedRequestLimiter({
    redis: options.redis,
    limit: { perSecond: options.perSecond, burst: notionRequestBurst },
    prefix: options.prefix,
    logger: options.logger,
    service: "Notion",
    ...(options.redisTimeoutMs === undefined ? {} : { redisTimeoutMs: options.redisTimeoutMs }),
  });
  // Notion's Retry-After holds back every worker on this token, not only the one it answered.
  return (credentialKey) => rateLimitedFetch(limiter, (input) => `${credentialKey}@${originOf(input)}`);
}

function originOf(input: string | URL | Request): string {
  const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
  return new URL(url).origin;
}
