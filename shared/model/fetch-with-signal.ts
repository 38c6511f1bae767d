/**
 * A fetch that also listens to `signal`. The `ollama` client only passes a signal of its own on
 * streamed calls, so embed, list and the connect phase of chat could not be cancelled without this.
 */
export function fetchWithSignal(fetchFunction: typeof fetch, signal: AbortSignal | undefined): typeof fetch {
  if (!signal) return fetchFunction;
  return (input, init) => {
    const own = init?.signal;
    return fetchFunction(input, { ...init, signal: own ? AbortSignal.any([own, signal]) : signal });
  };
}
