import { Client, type LogLevel, type RetryOptions } from "@notionhq/client";

export interface CreateNotionClientOptions {
  /** Internal-integration token or OAuth access token. */
  token: string;
  /** API origin without `/v1` (default https://api.notion.com); tests point it at the stand-in. */
  baseUrl?: string;
  /** Per-request timeout; the SDK's default (60 s) when left out. */
  timeoutMs?: number;
  /** The SDK retries 429/529 (honouring Retry-After) and 5xx on GET; its defaults when left out. */
  retry?: RetryOptions;
  logLevel?: LogLevel;
  /** The HTTP function, e.g. `rateLimitedFetch(...)` so every worker shares one request budget. */
  fetch?: typeof fetch;
}

/** The official Notion SDK client, configured for one connection. */
export function createNotionClient(options: CreateNotionClientOptions): Client {
  return new Client({
    auth: options.token,
    baseUrl: options.baseUrl ?? "https://api.notion.com",
    ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
    ...(options.retry === undefined ? {} : { retry: options.retry }),
    ...(options.logLevel === undefined ? {} : { logLevel: options.logLevel }),
    ...(options.fetch === undefined ? {} : { fetch: options.fetch }),
  });
}
