import type { WebClientOptions } from "@slack/web-api";

/**
 * WebClient options for clients that send answers (what `clientFor` should use): 429s come straight
 * back to withSlackRetry's short, bounded retry instead of the client's default policy, which can
 * sit on one call for ~30 minutes while the asker sees nothing; network failures get two quick
 * retries.
 */
export function replyClientOptions(slackApiUrl?: string): WebClientOptions {
  return {
    rejectRateLimitedCalls: true,
    retryConfig: { retries: 2, factor: 2, minTimeout: 500, maxTimeout: 2_000 },
    ...(slackApiUrl ? { slackApiUrl } : {}),
  };
}
