/** The request's init with its own time limit added (the caller's signal still aborts it). */
export function withAttemptTimeout(init: RequestInit | undefined, ms: number): RequestInit {
  const timeout = AbortSignal.timeout(ms);
  return { ...init, signal: init?.signal ? AbortSignal.any([init.signal, timeout]) : timeout };
}

export function requestUrl(input: string | URL | Request): string {
  if (typeof input === "string") return input;
  return input instanceof URL ? input.href : input.url;
}

/**
 * fetch rejects with a TypeError when no answer came (refused, reset, DNS); not when the caller
 * aborted, nor when a try ran out of time (a TimeoutError: repeating a hung minute is not worth it).
 */
export function isNetworkFailure(error: unknown, init: RequestInit | undefined): boolean {
  return error instanceof TypeError && init?.signal?.aborted !== true;
}
