import { isNetworkFailure, withAttemptTimeout } from "#shared/http/fetch-attempt.ts";
import { equalJitterBackoff, retryAfterMs } from "#shared/http/retry-timing.ts";
import { isRateLimitResponse } from "./drive-error-reason.ts";

export interface DriveRetryOptions {
  /** Retries of a rate limit (403 quota reasons, 429) for one request. */
  rateLimitRetries?: number;
  /** How long one request may wait out rate limits in all, Retry-After included. */
  rateLimitBudgetMs?: number;
  /** Retries of a 5xx or a dropped connection (reads only: every Drive call Sabio makes is a GET). */
  failureRetries?: number;
  initialRetryDelayMs?: number;
  /** Longest single wait, whatever Retry-After says. */
  maxRetryDelayMs?: number;
  /** One try's time limit, the budget's wait and a download's body included. */
  attemptTimeoutMs?: number;
  sleep?: (ms: number) => Promise<void>;
  /** Milliseconds since the epoch: the wait budget's clock and Retry-After dates. */
  now?: () => number;
  /** In [0, 1): the jitter's source. */
  random?: () => number;
}

export const driveRetryDefaults = {
  rateLimitRetries: 10,
  rateLimitBudgetMs: 5 * 60_000,
  failureRetries: 4,
  // Google's advice for Drive quota errors: 1 s, 2 s, 4 s… with jitter, up to 64 s.
  initialRetryDelayMs: 1_000,
  maxRetryDelayMs: 64_000,
  attemptTimeoutMs: 5 * 60_000,
} as const;

const serverErrors = [500, 502, 503, 504];

/**
 * A fetch that retries what Drive asks to retry, in place of the client library's retries (which
 * ignore Retry-After and never retry a 403):
 * - rate limits — 429, and 403 with `userRateLimitExceeded`/`rateLimitExceeded` — after Retry-After
 *   when sent, else exponential backoff with jitter; at most `rateLimitRetries` times and while the
 *   waits fit in `rateLimitBudgetMs` (a wait that would end past it is not started);
 * - 500/502/503/504 and dropped connections on GETs: up to `failureRetries`;
 * - anything else (404, a per-file 403, 401) is handed back at once. The last failure is handed back
 *   as it came, so the client reports it (see toDriveError).
 * Wrapped around the budget's fetch, so every retry spends from the request budget too.
 */
export function retryDriveRequests(inner: typeof fetch, options: DriveRetryOptions = {}): typeof fetch {
  const settings = { ...driveRetryDefaults, ...definedOnly(options) };
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const now = options.now ?? Date.now;
  const backoff = equalJitterBackoff({
    initialDelayMs: settings.initialRetryDelayMs,
    maxDelayMs: settings.maxRetryDelayMs,
    random: options.random ?? Math.random,
  });

  return async (input, init) => {
    const isRead = (init?.method ?? "GET").toUpperCase() === "GET";
    let rateLimited = 0;
    let failed = 0;
    let waitedMs = 0;
    for (;;) {
      let response: Response;
      try {
        response = await inner(input, withAttemptTimeout(init, settings.attemptTimeoutMs));
      } catch (error) {
        if (!isRead || failed >= settings.failureRetries || !isNetworkFailure(error, init)) throw error;
        failed += 1;
        await sleep(backoff(failed - 1));
        continue;
      }
      const retryAfter = retryAfterMs(response.headers.get("retry-after"), now);
      let wait: number;
      if (await isRateLimitResponse(response)) {
        wait = Math.min(retryAfter ?? backoff(rateLimited), settings.maxRetryDelayMs);
        if (rateLimited >= settings.rateLimitRetries) return response;
        if (waitedMs + wait > settings.rateLimitBudgetMs) return response;
        rateLimited += 1;
        waitedMs += wait;
      } else if (isRead && serverErrors.includes(response.status)) {
        if (failed >= settings.failureRetries) return response;
        wait = Math.min(retryAfter ?? backoff(failed), settings.maxRetryDelayMs);
        failed += 1;
      } else {
        return response;
      }
      await response.body?.cancel();
      await sleep(wait);
    }
  };
}

function definedOnly<T extends object>(options: T): Partial<T> {
  return Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined)) as Partial<T>;
}
