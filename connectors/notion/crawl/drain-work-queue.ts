/**
 * Runs tasks from a queue that grows while it runs, at most `concurrency` at once. Resolves when
 * the queue is empty and nothing runs; rejects on the first task that throws (no new task starts).
 */
export function drainWorkQueue<Task>(
  queue: Task[],
  concurrency: number,
  run: (task: Task) => Promise<void>,
): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    let active = 0;
    let failed = false;
    const pump = (): void => {
      if (failed) return;
      while (active < Math.max(1, concurrency) && queue.length > 0) {
        const task = queue.shift() as Task;
        active += 1;
        run(task).then(
          () => {
            active -= 1;
            pump();
          },
          (error: unknown) => {
            failed = true;
            reject(error);
          },
        );
      }
      if (active === 0 && queue.length === 0) resolve();
    };
    pump();
  });
}
