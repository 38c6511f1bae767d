export interface RecordedCall {
  /** Path of the URL, e.g. "/api/embed". */
  path: string;
  /** Parsed JSON body, if any. */
  body: unknown;
}

/**
 * Wraps fetch and records what the client sends: lets the same assertions ("3 embed calls", "the
 * prefix was sent") run against the stand-in and against a real Ollama.
 */
export function recordingFetch(inner: typeof fetch = globalThis.fetch): {
  fetch: typeof fetch;
  calls: RecordedCall[];
} {
  const calls: RecordedCall[] = [];
  const wrapped: typeof fetch = (input, init) => {
    const url = input instanceof Request ? input.url : String(input);
    const body = typeof init?.body === "string" ? (JSON.parse(init.body) as unknown) : undefined;
    calls.push({ path: new URL(url).pathname, body });
    return inner(input, init);
  };
  return { fetch: wrapped, calls };
}
