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

/** Moves the next free slot to at least now + ms (the burst allowance included). */
const pauseScript = `
local now_parts = redis.call('TIME')
local now = tonumber(now_parts[1]) * 1000 + math.floor(tonumber(now_parts[2]) / 1000)
local hold = tonumber(ARGV[1])
local tolerance = tonumber(ARGV[2])
local tat = tonumber(redis.call('GET', KEYS[1]) or now)
local paused = now + hold + tolerance
if paused > tat then
  redis.call('SET', KEYS[1], paused, 'PX', math.ceil(hold + tolerance + 1000))
end
return 0
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
  /**
   * Holds every request for `key` back for at least `ms` (the API answered 429 with Retry-After):
   * all processes sharing the budget wait, not only the one that was told.
   */
  pause(key: string, ms: number): Promise<void>;
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
    async pause(key, ms) {
      await redis.eval(pauseScript, 1, keyOf(key), String(Math.max(0, ms)), String(tolerance));
    },
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
  /** The budget's key, or how to derive it from the request (e.g. credential plus origin). */
  key: string | ((input: string | URL | Request) => string),
  inner: typeof fetch = fetch,
): typeof fetch {
  return async (input, init) => {
    const budget = typeof key === "string" ? key : key(input);
    await limiter.acquire(budget, init?.signal ?? undefined);
    const response = await inner(input, init);
    // A pause that cannot be recorded must not cost the answer already in hand.
    await pauseOnRetryAfter(limiter, budget, response).catch(() => {});
    return response;
  };
}

/** Statuses whose Retry-After speaks for the whole credential (rate limited, overloaded). */
const budgetStatuses = new Set([429, 529]);

/** A 429/529 with Retry-After (seconds) pauses the credential's budget for everyone sharing it. */
export async function pauseOnRetryAfter(
  limiter: RateLimiter,
  key: string,
  response: Response,
): Promise<void> {
  if (!budgetStatuses.has(response.status)) return;
  const seconds = Number(response.headers.get("retry-after"));
  if (Number.isFinite(seconds) && seconds > 0) await limiter.pause(key, Math.min(seconds, 600) * 1000);
}
