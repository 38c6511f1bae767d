import { Client, LogLevel } from "@notionhq/client";
import {
  type NotionRetryOptions,
  notionRetryDefaults,
  retryNotionRequests,
} from "./retry-notion-requests.ts";

/**
 * Retries of a 429/529 that gives no Retry-After; one that does is waited out for up to
 * `notionRetryDefaults.rateLimitBudgetMs` instead (see retryNotionRequests).
 */
export const notionRateLimitRetries = notionRetryDefaults.maxRetries;

/** The SDK's own limit on one call, retries and waits included: a backstop, each try has its own. */
const overallTimeoutMs = 30 * 60 * 1000;

export interface CreateNotionClientOptions {
  /** Internal-integration token or OAuth access token. */
  token: string;
  /** API origin without `/v1` (default https://api.notion.com); tests point it at the stand-in. */
  baseUrl?: string;
  /** One try's time limit (default 60 s, the SDK's). */
  timeoutMs?: number;
  /**
   * Retries (see retryNotionRequests), in place of the SDK's: the SDK's option names, and defaults
   * from `notionRetryDefaults`; false = none.
   */
  retry?: NotionRetryOptions | false;
  /**
   * What the SDK writes to the console (default errors only: a retried request is expected, and what
   * finally fails reaches the caller as an error).
   */
  logLevel?: LogLevel;
  /** The HTTP function, e.g. `rateLimitedFetch(...)` so every worker shares one request budget. */
  fetch?: typeof fetch;
}

/**
 * The official Notion SDK client, configured for one connection. Retries go through `fetch`, so
 * each one spends from the same request budget as a first try.
 */
export function createNotionClient(options: CreateNotionClientOptions): Client {
  const retry = options.retry === false ? { maxRetries: 0 } : (options.retry ?? {});
  const fetch = retryNotionRequests(options.fetch ?? globalThis.fetch, {
    ...retry,
    ...(options.timeoutMs === undefined ? {} : { attemptTimeoutMs: options.timeoutMs }),
  });
  return new Client({
    auth: options.token,
    baseUrl: options.baseUrl ?? "https://api.notion.com",
    retry: false,
    timeoutMs: overallTimeoutMs,
    logLevel: options.logLevel ?? LogLevel.ERROR,
    fetch,
  });
}
