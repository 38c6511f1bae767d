import { PostHog } from "posthog-node";

export interface PostHogSettings {
  apiKey: string;
  /** POSTHOG_HOST: cloud (US/EU) or self-hosted. */
  host: string;
  /** Events kept while PostHog is unreachable; past it the oldest is dropped (default 1,000). */
  maxQueueSize?: number;
  /** Events per batch (default 20). */
  flushAt?: number;
}

/**
 * posthog-node set up for a server that must never wait on analytics: batched, a capped queue,
 * short timeouts, few retries, and no feature-flag polling (Sabio uses none).
 */
export function createPostHogClient(settings: PostHogSettings): PostHog {
  return new PostHog(settings.apiKey, {
    host: settings.host,
    flushAt: settings.flushAt ?? 20,
    flushInterval: 10_000,
    maxQueueSize: settings.maxQueueSize ?? 1_000,
    requestTimeout: 5_000,
    fetchRetryCount: 1,
    fetchRetryDelay: 500,
    featureFlagsPollingInterval: null,
    disableGeoip: true,
  });
}
