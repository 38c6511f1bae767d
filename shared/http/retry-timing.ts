/**
 * Retry-After as delta-seconds or an HTTP date, in milliseconds; undefined when absent or unreadable.
 * `now` is the clock the date is read against (milliseconds since the epoch).
 */
export function retryAfterMs(value: string | null, now: () => number): number | undefined {
  if (value === null || value.trim() === "") return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now());
}

/**
 * Exponential backoff with equal jitter: for retry n, half of `initial · 2^n` (capped at `max`) plus
 * up to as much again at random, so clients told to wait together do not come back together.
 */
export function equalJitterBackoff(options: {
  initialDelayMs: number;
  maxDelayMs: number;
  /** In [0, 1): the jitter's source. */
  random: () => number;
}): (retry: number) => number {
  return (retry) => {
    const base = Math.min(options.maxDelayMs, options.initialDelayMs * 2 ** retry);
    return base / 2 + (options.random() * base) / 2;
  };
}
