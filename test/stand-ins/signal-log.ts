export interface SignalLog<Entry> {
  readonly entries: Entry[];
  record(entry: Entry): void;
  matching(key: string): Entry[];
  /** Resolves once `count` entries with this key have been recorded (default 1, within 5 s). */
  waitFor(key: string, count?: number, timeoutMs?: number): Promise<Entry[]>;
}

/**
 * An append-only log whose waiters are woken by `record` itself, so tests wait on the event they
 * expect rather than polling. `keysOf` names what an entry can be waited for by.
 */
export function createSignalLog<Entry>(keysOf: (entry: Entry) => string[]): SignalLog<Entry> {
  const entries: Entry[] = [];
  const waiters = new Set<() => void>();
  const matching = (key: string) => entries.filter((entry) => keysOf(entry).includes(key));
  return {
    entries,
    record(entry) {
      entries.push(entry);
      for (const check of [...waiters]) check();
    },
    matching,
    waitFor(key, count = 1, timeoutMs = 5_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = matching(key);
          if (found.length < count) return;
          waiters.delete(check);
          clearTimeout(timer);
          resolve(found);
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          const seen = entries.map((entry) => keysOf(entry)[0]).join(", ") || "none";
          reject(
            new Error(
              `Waited ${timeoutMs} ms for ${count} × ${key}, got ${matching(key).length}. Seen: ${seen}`,
            ),
          );
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
  };
}
