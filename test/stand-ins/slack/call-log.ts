export interface SlackCall {
  /** e.g. "chat.postMessage" */
  method: string;
  /** Parsed arguments: JSON-encoded fields (blocks, view…) decoded, form booleans as booleans, no token. */
  args: Record<string, unknown>;
  token: string | undefined;
  /** When it arrived (ms since the epoch). */
  at: number;
}

export interface CallLog {
  readonly calls: SlackCall[];
  record(call: SlackCall): void;
  callsTo(method: string): SlackCall[];
  waitFor(method: string, count?: number, timeoutMs?: number): Promise<SlackCall[]>;
}

/** Every call received, in order, with a way to wait until some have arrived. */
export function createCallLog(): CallLog {
  const calls: SlackCall[] = [];
  const waiters = new Set<() => void>();
  const callsTo = (method: string) => calls.filter((call) => call.method === method);
  return {
    calls,
    record(call) {
      calls.push(call);
      for (const check of [...waiters]) check();
    },
    callsTo,
    waitFor(method, count = 1, timeoutMs = 5_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = callsTo(method);
          if (found.length < count) return;
          waiters.delete(check);
          clearTimeout(timer);
          resolve(found);
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          const seen = calls.map((call) => call.method).join(", ") || "none";
          reject(
            new Error(
              `Waited ${timeoutMs} ms for ${count} ${method} call(s), got ${callsTo(method).length}. Calls: ${seen}`,
            ),
          );
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
  };
}
