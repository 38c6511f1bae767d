/**
 * One writer at a time for a table, with group commit: writes that arrive while the table is busy
 * join one batch and land in a single commit. LanceDB makes a version per commit, so ten callers
 * writing ten chunks each cost one commit instead of ten, and concurrent writers never race.
 */
export interface SerialWriteQueue<T> {
  /** Queues items; they join the batch still waiting its turn, if any. Resolves once written. */
  write(items: readonly T[]): Promise<void>;
  /** Runs a task after everything queued before it; later writes start a new batch after it. */
  run<R>(task: () => Promise<R>): Promise<R>;
  /** Resolves once everything queued so far has settled (successfully or not). */
  drained(): Promise<void>;
}

interface OpenBatch<T> {
  items: T[];
  done: Promise<void>;
}

export function createSerialWriteQueue<T>(options: {
  writeBatch: (items: T[]) => Promise<void>;
  /** A batch stops taking new items at this size; a single larger write is still one batch. */
  maxBatchSize: number;
}): SerialWriteQueue<T> {
  let tail: Promise<unknown> = Promise.resolve();
  let open: OpenBatch<T> | null = null;

  const enqueue = <R>(task: () => Promise<R>): Promise<R> => {
    const result = tail.then(task);
    tail = result.catch(() => undefined);
    return result;
  };

  return {
    write(items) {
      if (items.length === 0) return Promise.resolve();
      if (open && open.items.length + items.length <= options.maxBatchSize) {
        open.items.push(...items);
        return open.done;
      }
      const batch: OpenBatch<T> = { items: [...items], done: Promise.resolve() };
      batch.done = enqueue(() => {
        // From here on the batch is being written: later items wait for the next one.
        if (open === batch) open = null;
        return options.writeBatch(batch.items);
      });
      open = batch;
      return batch.done;
    },
    run(task) {
      // Whatever is queued after this task (deletes, vector updates) must not be overtaken.
      open = null;
      return enqueue(task);
    },
    async drained() {
      await tail;
    },
  };
}
