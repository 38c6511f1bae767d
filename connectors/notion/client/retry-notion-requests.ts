import type { RetryOptions } from "@notionhq/client";
import { isNetworkFailure, requestUrl, withAttemptTimeout } from "#shared/http/fetch-attempt.ts";
import { equalJitterBackoff, retryAfterMs } from "#shared/http/retry-timing.ts";

/**
 * The POSTs Notion uses for reading: search and data-source (or pre-2025-09 database) queries.
 * They change nothing, so repeating one is safe.
 */
const readingPosts = [/\/v1\/search$/, /\/v1\/data_sources\/[^/]+\/query$/, /\/v1\/databases\/[^/]+\/query$/];
const serverErrors = [500, 502, 503, 504];

/** The SDK's retry options (same names, same meaning), and what this policy adds. */
export interface NotionRetryOptions extends RetryOptions {
  /**
   * Retries of a 429/529 that says nothing about when to come back (no Retry-After, or 0), and the
   * most 5xx retries (SDK option; default 6 here, where the SDK's is 2).
   */
  maxRetries?: number;
  /**
   * How long one request may keep waiting out 429/529s that say when to come back (Retry-After):
   * a time, not a count, so a storm of short waits is ridden out and a long one still ends.
   */
  rateLimitBudgetMs?: number;
  /** Retries of a 5xx or a dropped connection on a read; never more than `maxRetries`. */
  failureRetries?: number;
  /** One try's time limit, waiting for a slot in the request budget included. */
  attemptTimeoutMs?: number;
  sleep?: (ms: number) => Promise<void>;
  /** Milliseconds since the epoch: the rate-limit budget's clock and Retry-After dates. */
  now?: () => number;
  /** In [0, 1): the jitter's source. */
  random?: () => number;
}

export const notionRetryDefaults = {
  maxRetries: 6,
  rateLimitBudgetMs: 5 * 60_000,
  failureRetries: 3,
  initialRetryDelayMs: 500,
  maxRetryDelayMs: 60_000,
  attemptTimeoutMs: 60_000,
} as const;

/**
 * A fetch that retries what Notion asks to retry, in place of the SDK's own retries. The SDK retries
 * 429/529 and, on GET and DELETE only, 500/503, with one count for both: enough retries to ride out a
 * 429 storm would make a page that keeps failing with 503 wait minutes before giving up. And search
 * and data-source queries are POSTs, so their 5xx were never retried, nor a 502, a 504 or a dropped
 * connection on anything. Here:
 * - 429 and 529 on every request (Notion did nothing): after each Retry-After, for as long as the
 *   waits fit in `rateLimitBudgetMs` from the first one (a wait that would end past it is not
 *   started: the 429 is handed back); without a Retry-After, up to `maxRetries` with backoff;
 * - 500/502/503/504 and network failures on reads only (GET, search, queries): up to
 *   `failureRetries`, with exponential backoff and jitter, or Retry-After when sent;
 * - each try has its own time limit. Waits are capped by `maxRetryDelayMs`; the last failure is
 *   handed back as it came, so the SDK reports it. Writes and OAuth calls are never repeated on a
 *   5xx.
 * Wrapped around the budget's fetch, so every retry spends from the request budget too.
 */
export function retryNotionRequests(inner: typeof fetch, options: NotionRetryOptions = {}): typeof fetch {
  const maxRetries = Math.max(0, options.maxRetries ?? notionRetryDefaults.maxRetries);
  const failureRetries = Math.min(maxRetries, options.failureRetries ?? notionRetryDefaults.failureRetries);
  const initialDelayMs = options.initialRetryDelayMs ?? notionRetryDefaults.initialRetryDelayMs;
  const maxDelayMs = options.maxRetryDelayMs ?? notionRetryDefaults.maxRetryDelayMs;
  const attemptTimeoutMs = options.attemptTimeoutMs ?? notionRetryDefaults.attemptTimeoutMs;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const random = options.random ?? Math.random;
  const now = options.now ?? Date.now;
  const rateLimitBudgetMs = options.rateLimitBudgetMs ?? notionRetryDefaults.rateLimitBudgetMs;
  const backoff = equalJitterBackoff({ initialDelayMs, maxDelayMs, random });

  return async (input, init) => {
    const method = (init?.method ?? "GET").toUpperCase();
    const path = new URL(requestUrl(input)).pathname;
    const isRead =
      method === "GET" || (method === "POST" && readingPosts.some((pattern) => pattern.test(path)));
    let rateLimited = 0;
    let failed = 0;
    let rateLimitedSince: number | undefined;
    for (;;) {
      const retries = rateLimited + failed;
      const attempt = withAttemptTimeout(init, attemptTimeoutMs);
      let response: Response;
      try {
        response = await inner(input, attempt);
      } catch (error) {
        if (!isRead || failed >= failureRetries || !isNetworkFailure(error, init)) throw error;
        failed += 1;
        await sleep(backoff(retries));
        continue;
      }
      const retryAfter = retryAfterMs(response.headers.get("retry-after"), now);
      if (response.status === 429 || response.status === 529) {
        if (maxRetries === 0) return response;
        if (retryAfter !== undefined && retryAfter > 0) {
          // Told when to come back: ride it out while the budget lasts (it counts from the first wait).
          rateLimitedSince ??= now();
          if (now() + retryAfter - rateLimitedSince > rateLimitBudgetMs) return response;
        } else {
          if (rateLimited >= maxRetries) return response;
          rateLimited += 1;
        }
      } else if (isRead && serverErrors.includes(response.status)) {
        if (failed >= failureRetries) return response;
        failed += 1;
      } else {
        return response;
      }
      await response.body?.cancel();
      await sleep(retryAfter === undefined ? backoff(retries) : Math.min(retryAfter, maxDelayMs));
    }
  };
}
