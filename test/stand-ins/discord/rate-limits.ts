/** One of Discord's per-route buckets: `limit` calls per `windowMs`, counted per channel. */
export interface RateLimitRule {
  /** What `X-RateLimit-Bucket` says; routes naming the same bucket share its count, as on Discord. */
  bucket: string;
  limit: number;
  windowMs: number;
}

/**
 * The buckets Sabio meets in a burst, as Discord sets them (per channel, the route's major
 * parameter): reactions about 1 per 250 ms, message creates and edits 5 per 5 s each.
 */
export const discordRateLimitRules: Record<string, RateLimitRule> = {
  addReaction: { bucket: "stand-in-reactions", limit: 1, windowMs: 250 },
  removeReaction: { bucket: "stand-in-reactions", limit: 1, windowMs: 250 },
  createMessage: { bucket: "stand-in-create-message", limit: 5, windowMs: 5_000 },
  editMessage: { bucket: "stand-in-edit-message", limit: 5, windowMs: 5_000 },
};

export interface RateLimitVerdict {
  /** False once the bucket is used up: the call gets a 429 instead of the route. */
  allowed: boolean;
  /** The `X-RateLimit-*` headers (and `Retry-After` on a 429) for the answer. */
  headers: Record<string, string>;
  /** Seconds until the bucket refills, for a 429's `retry_after`. */
  retryAfter: number;
}

export interface RateLimiter {
  /** Counts a call to `route` in `channelId` (undefined: the route has no bucket here). */
  take(route: string, channelId: string, nowMs: number): RateLimitVerdict | undefined;
}

/**
 * Fixed windows per bucket and channel, like Discord's: the first call opens a window of
 * `windowMs`; calls past `limit` within it are refused until it ends. Every counted call, refused
 * or not, carries the headers discord.js's REST queue paces itself by.
 */
export function createRateLimiter(rules: Record<string, RateLimitRule> = discordRateLimitRules): RateLimiter {
  const windows = new Map<string, { resetAt: number; remaining: number }>();
  return {
    take(route, channelId, nowMs) {
      const rule = rules[route];
      if (!rule) return undefined;
      const key = `${rule.bucket}:${channelId}`;
      let window = windows.get(key);
      if (!window || nowMs >= window.resetAt) {
        window = { resetAt: nowMs + rule.windowMs, remaining: rule.limit };
        windows.set(key, window);
      }
      const allowed = window.remaining > 0;
      if (allowed) window.remaining -= 1;
      const resetAfter = (window.resetAt - nowMs) / 1000;
      const headers: Record<string, string> = {
        "x-ratelimit-limit": String(rule.limit),
        "x-ratelimit-remaining": String(window.remaining),
        "x-ratelimit-reset": (window.resetAt / 1000).toFixed(3),
        "x-ratelimit-reset-after": resetAfter.toFixed(3),
        "x-ratelimit-bucket": rule.bucket,
      };
      if (!allowed) {
        // Discord's Retry-After header is whole seconds; the body's retry_after is exact.
        headers["retry-after"] = String(Math.max(1, Math.ceil(resetAfter)));
        headers["x-ratelimit-scope"] = "user";
      }
      return { allowed, headers, retryAfter: resetAfter };
    },
  };
}
