import { LogLevel, WebClient, type WebClientOptions } from "@slack/web-api";

/**
 * A real WebClient pointed at a Slack stand-in: bot token, quiet logging, and network retries that
 * don't wait (429s still wait Retry-After unless `rejectRateLimitedCalls` is set).
 */
export function standInClient(
  standIn: { apiUrl: string },
  options: WebClientOptions & { token?: string } = {},
): WebClient {
  const { token = "xoxb-stand-in-token", ...clientOptions } = options;
  return new WebClient(token, {
    slackApiUrl: standIn.apiUrl,
    logLevel: LogLevel.ERROR,
    retryConfig: { retries: 2, minTimeout: 0, maxTimeout: 0 },
    ...clientOptions,
  });
}
