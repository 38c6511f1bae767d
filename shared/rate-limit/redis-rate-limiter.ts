import { createHash } from "node:crypto";
import type { Redis } from "ioredis";

/**
 * GCRA with reservations: each call books the next free slot and returns how long to wait for it.
 * The state is one timestamp per key in Redis, using Redis' own clock, so every process and
 * machine sharing the Redis shares the budget (e.g. Notion's ~3 requests/s per integration).
 */
const reserveScript = `
local now_parts = redis.call('TIME')
local now = tonumber(now_parts[1]) * 1000 + math.floor(tonumber(now_parts[2]) / 1000)
local interval = tonumber(ARGV[1])
local tolerance = tonumber(ARGV[2])
local tat = tonumber(redis.call('GET', KEYS[1]) or now)
if tat < now then tat = now end
local wait = tat - tolerance - now
if wait < 0 then wait = 0 end
local new_tat = tat + interval
redis.call('SET', KEYS[1], new_tat, 'PX', math.ceil(new_tat - now + tolerance + 1000))
return wait
`;

export interface RateLimit {
  /** Requests per second on average. */
  perSecond: number;
  /** Requests that may go at once after a quiet spell. */
  burst: number;
}

export interface RateLimiter {
  /** Books a slot for `key` and returns the milliseconds to wait before using it. */
  reserve(key: string): Promise<number>;
  /** Books a slot and waits for it. */
  acquire(key: string, signal?: AbortSignal): Promise<void>;
}

export function createRedisRateLimiter(
  redis: Redis,
  limit: RateLimit,
  options: { prefix?: string } = {},
): RateLimiter {
  const interval = 1000 / limit.perSecond;
  const tolerance = interval * Math.max(0, limit.burst - 1);
  const prefix = options.prefix ?? "sabio";
  // Keys name a credential: hash it so no token ever sits in Redis in the clear.
  const keyOf = (key: string) =>
    `${prefix}:rate:${createHash("sha256").update(key).digest("hex").slice(0, 32)}`;
  const reserve = async (key: string) =>
    Number(await redis.eval(reserveScript, 1, keyOf(key), String(interval), String(tolerance)));
  return {
    reserve,
    async acquire(key, signal) {
      const wait = await reserve(key);
      if (wait > 0) {
        await new Promise<void>((resolve, reject) => {
          const timer = setTimeout(resolve, wait);
          signal?.addEventListener("abort", () => {
            clearTimeout(timer);
            reject(signal.reason);
          });
        });
      }
    },
  };
}

/** A fetch that takes a slot from the limiter before every request (for an SDK's `fetch` option). */
export function rateLimitedFetch(
  limiter: RateLimiter,
  key: string,
  inner: typeof fetch = fetch,
): typeof fetch {
  return async (input, init) => {
    await limiter.acquire(key, init?.signal ?? undefined);
    return inner(input, init);
  };
}
