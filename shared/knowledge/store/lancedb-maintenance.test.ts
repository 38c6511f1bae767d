import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createMaintenanceSchedule, defaultMaintenancePolicy } from "./lancedb-maintenance.ts";

describe("createMaintenanceSchedule", () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  const setup = (runMs = 0) => {
    const runs: number[] = [];
    const schedule = createMaintenanceSchedule({
      policy: { ...defaultMaintenancePolicy, rows: 100, commits: 10, idleMs: 1_000, restFactor: 3 },
      maintain: async () => {
        runs.push(Date.now());
        vi.advanceTimersByTime(runMs);
      },
      onError: (error) => {
        throw error;
      },
      now: Date.now,
    });
    return { runs, schedule };
  };

  it("runs once writes pause", async () => {
    const { runs, schedule } = setup();
    schedule.noteCommit(10);
    await vi.advanceTimersByTimeAsync(900);
    schedule.noteCommit(10);
    await vi.advanceTimersByTimeAsync(900);
    expect(runs).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(200);
    expect(runs).toHaveLength(1);
  });

  it("runs at once when enough rows were written, then rests in proportion to the run's length", async () => {
    const { runs, schedule } = setup(500);
    schedule.noteCommit(100);
    await vi.advanceTimersByTimeAsync(0);
    expect(runs).toHaveLength(1);
    schedule.noteCommit(100);
    await vi.advanceTimersByTimeAsync(1_400);
    expect(runs).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(200);
    expect(runs).toHaveLength(2);
  });

  it("stops scheduling once stopped", async () => {
    const { runs, schedule } = setup();
    schedule.noteCommit(1);
    schedule.stop();
    await vi.advanceTimersByTimeAsync(5_000);
    expect(runs).toHaveLength(0);
  });
});
