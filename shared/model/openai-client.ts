import OpenAI from "openai";

export interface OpenAiClientOptions {
  /** The API base, /v1 included, e.g. http://127.0.0.1:8080/v1. */
  baseUrl: string;
  /** Bearer key; unset for servers that need none. */
  apiKey?: string | undefined;
  fetch?: typeof fetch;
}

/**
 * The official `openai` client, set up for a self-hosted server: every setting passed in (it would
 * otherwise read OPENAI_* from the environment itself), no retries of its own (the fallback chain
 * and the queues decide), silent (its warnings would land on stdout).
 */
export function createOpenAiClient(options: OpenAiClientOptions): OpenAI {
  return new OpenAI({
    baseURL: normaliseBaseUrl(options.baseUrl),
    // The client insists on a key; servers without auth ignore the header.
    apiKey: options.apiKey ?? "no-key",
    organization: null,
    project: null,
    maxRetries: 0,
    logLevel: "off",
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
}

/** "http://host:8080" and "http://host:8080/" mean the usual "/v1"; any other path is kept. */
export function normaliseBaseUrl(baseUrl: string): string {
  const url = new URL(baseUrl);
  if (url.pathname === "/" || url.pathname === "") url.pathname = "/v1";
  return url.toString().replace(/\/+$/, "");
}
