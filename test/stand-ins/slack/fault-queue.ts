/** A 429 with this Retry-After (seconds), or an `{ ok: false, error }` answer. */
export type SlackFault = { rateLimited: number } | { error: string };

export interface FaultQueue {
  add(method: string, fault: SlackFault, times: number): void;
  /** The fault for this call to `method`, used up as it is taken. */
  take(method: string): SlackFault | undefined;
}

/** Faults tests ask for, per method, served in order to the next calls. */
export function createFaultQueue(): FaultQueue {
  const pending = new Map<string, SlackFault[]>();
  return {
    add(method, fault, times) {
      const queue = pending.get(method) ?? [];
      for (let index = 0; index < times; index += 1) queue.push(fault);
      pending.set(method, queue);
    },
    take: (method) => pending.get(method)?.shift(),
  };
}
