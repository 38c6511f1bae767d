/**
 * The root observation of each question being answered, kept between the seam's separate calls.
 * Bounded twice over so a question that never finishes (a crashed attempt) cannot grow memory:
 * at most `limit` entries (the oldest is closed to make room) and each closed after `maxAgeMs`.
 */
export interface OpenTraces<Root> {
  get(questionId: string): Root | undefined;
  open(questionId: string, root: Root): void;
  /** Removes and returns the entry (answerPosted). */
  close(questionId: string): Root | undefined;
  size(): number;
  /** Closes everything still open (shutdown). */
  closeAll(): void;
}

export function openTraces<Root>(options: {
  limit: number;
  maxAgeMs: number;
  /** Ends an entry dropped before its answer was posted. */
  onDrop: (root: Root) => void;
}): OpenTraces<Root> {
  const entries = new Map<string, { root: Root; timer: NodeJS.Timeout }>();
  const drop = (questionId: string) => {
    const entry = entries.get(questionId);
    if (!entry) return;
    entries.delete(questionId);
    clearTimeout(entry.timer);
    options.onDrop(entry.root);
  };
  return {
    get: (questionId) => entries.get(questionId)?.root,
    open(questionId, root) {
      drop(questionId);
      while (entries.size >= options.limit) {
        const oldest = entries.keys().next().value;
        if (oldest === undefined) break;
        drop(oldest);
      }
      const timer = setTimeout(() => drop(questionId), options.maxAgeMs);
      timer.unref();
      entries.set(questionId, { root, timer });
    },
    close(questionId) {
      const entry = entries.get(questionId);
      if (!entry) return undefined;
      entries.delete(questionId);
      clearTimeout(entry.timer);
      return entry.root;
    },
    size: () => entries.size,
    closeAll() {
      for (const questionId of [...entries.keys()]) drop(questionId);
    },
  };
}
