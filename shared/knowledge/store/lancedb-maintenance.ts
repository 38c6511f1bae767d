/**
 * When to fold fresh writes into LanceDB's indexes. Search never waits for this: rows not yet in
 * the full-text index are still searched (by a scan of just those rows), so results are complete
 * right after a write. Upkeep only keeps that scan, and the number of small files, short.
 */
export interface MaintenancePolicy {
  /** Maintain once this many rows were written since the last run (each adds scan time)… */
  rows: number;
  /** …or this many commits (each leaves a small file and a version behind)… */
  commits: number;
  /** …or once writes pause for this long. */
  idleMs: number;
  /**
   * After a run that took d ms, wait at least restFactor × d before the next one. Compaction
   * rewrites the table's small files, so a run costs more as the table grows; this keeps upkeep
   * under 1 / (1 + restFactor) of the time during a long ingest.
   */
  restFactor: number;
}

export const defaultMaintenancePolicy: MaintenancePolicy = {
  rows: 5_000,
  commits: 50,
  idleMs: 2_000,
  restFactor: 3,
};

export interface MaintenanceSchedule {
  /** Records a commit of `rows` new or rewritten rows and schedules maintenance if due. */
  noteCommit(rows: number): void;
  /** Runs maintenance now and resets the counters. */
  runNow(): Promise<void>;
  stop(): void;
}

export function createMaintenanceSchedule(options: {
  policy: MaintenancePolicy;
  /** Runs the maintenance task (in the table's write order). */
  maintain: () => Promise<void>;
  onError: (error: unknown) => void;
  now: () => number;
}): MaintenanceSchedule {
  const { policy, now } = options;
  let rows = 0;
  let commits = 0;
  let timer: NodeJS.Timeout | undefined;
  let running = false;
  let stopped = false;
  let restUntil = 0;

  const clearTimer = () => {
    if (timer) clearTimeout(timer);
    timer = undefined;
  };

  const runNow = async (): Promise<void> => {
    clearTimer();
    rows = 0;
    commits = 0;
    running = true;
    const startedAt = now();
    try {
      await options.maintain();
    } finally {
      const finishedAt = now();
      restUntil = finishedAt + (finishedAt - startedAt) * policy.restFactor;
      running = false;
      // Commits made during the run are due their own.
      if (rows > 0 || commits > 0) schedule();
    }
  };

  const runInBackground = () => {
    if (!stopped) runNow().catch(options.onError);
  };

  const schedule = () => {
    if (stopped || running) return;
    clearTimer();
    const due = rows >= policy.rows || commits >= policy.commits;
    const wait = due ? Math.max(0, restUntil - now()) : policy.idleMs;
    if (wait === 0) {
      runInBackground();
      return;
    }
    timer = setTimeout(runInBackground, wait);
    timer.unref();
  };

  return {
    noteCommit(written) {
      rows += written;
      commits += 1;
      schedule();
    },
    runNow,
    stop() {
      stopped = true;
      clearTimer();
    },
  };
}
