import { waitFor } from "#shared/rate-limit/in-process-rate-limiter.ts";
import type { RateLimiter } from "#shared/rate-limit/redis-rate-limiter.ts";

export interface BudgetWaits {
  /** Requests that had to wait for their slot. */
  waited: number;
  /** Sum of every request's wait (requests wait side by side, so this can exceed the wall time). */
  totalMs: number;
  /** Time during which at least one request was waiting for its slot: the budget's hold on the pass. */
  heldMs: number;
}

/**
 * The limiter a sync books its slots with, timing the waits apart from the booking itself (a Redis
 * round trip is our own cost): `snapshot()` says how long the budget held requests back so far.
 */
export function timedLimiter(inner: RateLimiter): RateLimiter & { snapshot(): BudgetWaits } {
  const waits: BudgetWaits = { waited: 0, totalMs: 0, heldMs: 0 };
  let waiting = 0;
  let heldSince = 0;
  const held = () => waits.heldMs + (waiting > 0 ? performance.now() - heldSince : 0);
  return {
    reserve: (key) => inner.reserve(key),
    pause: (key, ms) => inner.pause(key, ms),
    async acquire(key, signal) {
      const ms = await inner.reserve(key);
      if (ms <= 0) return;
      const started = performance.now();
      if (waiting++ === 0) heldSince = started;
      try {
        await waitFor(ms, signal);
      } finally {
        const ended = performance.now();
        waits.waited += 1;
        waits.totalMs += ended - started;
        if (--waiting === 0) waits.heldMs += ended - heldSince;
      }
    },
    snapshot: () => ({ ...waits, heldMs: held() }),
  };
}
