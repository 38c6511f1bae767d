import { waitAtMost } from "./wait-at-most.ts";

/**
 * Work started after a reply was sent (e.g. the trial-ending DMs after Stripe's 2xx): nobody awaits
 * it, so a graceful close must, or a SIGTERM cuts a DM off and nothing sends it again.
 */
export interface InFlightWork {
  /** Remembers `work` until it settles; returns it unchanged. */
  track<T>(work: Promise<T>): Promise<T>;
  /** Waits for everything tracked to settle, at most `withinMs`; never throws. */
  settle(withinMs: number): Promise<void>;
  readonly size: number;
}

export function inFlightWork(): InFlightWork {
  const pending = new Set<Promise<unknown>>();
  return {
    track(work) {
      pending.add(work);
      const forget = () => pending.delete(work);
      work.then(forget, forget);
      return work;
    },
    async settle(withinMs) {
      if (pending.size > 0) await waitAtMost(Promise.allSettled([...pending]), withinMs);
    },
    get size() {
      return pending.size;
    },
  };
}
