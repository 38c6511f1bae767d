import type { RateLimit, RateLimiter } from "./redis-rate-limiter.ts";

/**
 * The same GCRA as the Redis limiter (each call books the next free slot), kept in this process:
 * for a run that has no Redis to share a budget through, and while Redis is unreachable.
 */
export function createInProcessRateLimiter(
  limit: RateLimit,
  clock: { now?: () => number } = {},
): RateLimiter {
  const now = clock.now ?? Date.now;
  const interval = 1000 / limit.perSecond;
  const tolerance = interval * Math.max(0, limit.burst - 1);
  /** Theoretical arrival time of the next request, per key. */
  const arrivals = new Map<string, number>();
  const reserve = async (key: string): Promise<number> => {
    const at = now();
    const arrival = Math.max(arrivals.get(key) ?? at, at);
    arrivals.set(key, arrival + interval);
    return Math.max(0, arrival - tolerance - at);
  };
  return {
    reserve,
    async pause(key, ms) {
      const paused = now() + Math.max(0, ms) + tolerance;
      if (paused > (arrivals.get(key) ?? 0)) arrivals.set(key, paused);
    },
    async acquire(key, signal) {
      await waitFor(await reserve(key), signal);
    },
  };
}

/** Resolves after `ms` (at once for 0); rejects with the signal's reason when it aborts first. */
export function waitFor(ms: number, signal?: AbortSignal): Promise<void> {
  if (ms <= 0) return Promise.resolve();
  return new Promise<void>((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener(
      "abort",
      () => {
        clearTimeout(timer);
        reject(signal.reason);
      },
      { once: true },
    );
  });
}
