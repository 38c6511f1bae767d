import { setTimeout as delay } from "node:timers/promises";
import { WebAPIPlatformError, WebAPIRateLimitedError } from "@slack/web-api";
import { AppError, ErrorCode } from "#shared/errors/app-error.ts";
import type { Logger } from "#shared/log/logger.ts";
import { slackAppError } from "./slack-app-error.ts";

export interface SlackRetryOptions {
  /** Tries in all, the first included. */
  attempts?: number;
  /** Most time spent waiting over all retries; a Retry-After that would pass it gives up at once. */
  maxWaitMs?: number;
  sleep?: (milliseconds: number) => Promise<void>;
  logger?: Logger;
}

export const defaultSlackRetry = { attempts: 3, maxWaitMs: 20_000 } as const;

/**
 * Runs one Web API call, waiting out Slack's Retry-After a few times when rate-limited (429, or
 * `ok: false, error: "ratelimited"`). Clients must be made with `rejectRateLimitedCalls: true`,
 * otherwise the WebClient itself waits and retries for up to ~30 minutes before this sees anything.
 * Past the bound it throws AppError `rate_limited` (retryable: the job queue tries again later);
 * other failures come out as AppErrors too (see slackAppError).
 */
export async function withSlackRetry<T>(
  method: string,
  call: () => Promise<T>,
  options: SlackRetryOptions = {},
): Promise<T> {
  const attempts = options.attempts ?? defaultSlackRetry.attempts;
  const maxWaitMs = options.maxWaitMs ?? defaultSlackRetry.maxWaitMs;
  const sleep = options.sleep ?? ((milliseconds: number) => delay(milliseconds));
  let waited = 0;
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await call();
    } catch (error) {
      const waitMs = retryAfterMs(error);
      if (waitMs === undefined) throw slackAppError(error, method);
      if (attempt >= attempts || waited + waitMs > maxWaitMs) {
        throw new AppError(
          ErrorCode.RateLimited,
          `Slack rate-limited ${method} (retry after ${waitMs / 1000} s); gave up after ${attempt} tries.`,
          { retryable: true, cause: error },
        );
      }
      options.logger?.warn({ method, attempt, retryAfterMs: waitMs }, "Slack rate-limited a call; retrying");
      waited += waitMs;
      await sleep(waitMs);
    }
  }
}

/** How long Slack asks to wait, for a rate-limited call; undefined for any other failure. */
export function retryAfterMs(error: unknown): number | undefined {
  if (error instanceof WebAPIRateLimitedError) return error.retryAfter * 1000;
  if (error instanceof WebAPIPlatformError && error.data.error === "ratelimited") {
    return (error.data.response_metadata?.retryAfter ?? 1) * 1000;
  }
  return undefined;
}
