/**
 * When to fold fresh writes into LanceDB's indexes. Search never waits for this: rows not yet in
 * the full-text index are still searched (by a scan of just those rows), so results are complete
 * right after a write. Indexing only keeps that scan, and the number of small files, short.
 */
export interface MaintenancePolicy {
  /** Maintain as soon as this many rows were written since the last run (each costs scan time). */
  rows: number;
  /** …or this many commits (each leaves a small file and a version behind). */
  commits: number;
  /** Otherwise maintain once writes pause for this long. */
  idleMs: number;
}

export const defaultMaintenancePolicy: MaintenancePolicy = { rows: 5_000, commits: 50, idleMs: 2_000 };

export interface MaintenanceSchedule {
  /** Records a commit of `rows` new or rewritten rows and schedules maintenance if due. */
  noteCommit(rows: number): void;
  /** Runs maintenance now (after queued writes) and resets the counters. */
  runNow(): Promise<void>;
  stop(): void;
}

export function createMaintenanceSchedule(options: {
  policy: MaintenancePolicy;
  /** Runs the maintenance task in the table's write order. */
  maintain: () => Promise<void>;
  onError: (error: unknown) => void;
}): MaintenanceSchedule {
  const { policy } = options;
  let rows = 0;
  let commits = 0;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let stopped = false;

  const clearTimer = () => {
    if (timer) clearTimeout(timer);
    timer = undefined;
  };

  const runNow = (): Promise<void> => {
    clearTimer();
    rows = 0;
    commits = 0;
    const run = options.maintain().finally(() => {
      if (running === run) running = undefined;
    });
    running = run;
    return run;
  };

  const runInBackground = () => {
    if (stopped) return;
    runNow().catch(options.onError);
  };

  return {
    noteCommit(written) {
      if (stopped) return;
      rows += written;
      commits += 1;
      // One background run at a time; commits made meanwhile are counted for the next one.
      if (!running && (rows >= policy.rows || commits >= policy.commits)) {
        runInBackground();
        return;
      }
      clearTimer();
      timer = setTimeout(runInBackground, policy.idleMs);
      timer.unref();
    },
    runNow,
    stop() {
      stopped = true;
      clearTimer();
    },
  };
}
