import type { JobSchedulerJson, Queue } from "bullmq";
import type { SourceConnectionRow } from "#shared/db/schema.ts";
import { type JobCatalog, jobCatalog, jobOptionsFor } from "#shared/queue/job-catalog.ts";
import { type SyncSchedule, type SyncScheduleSettings, syncSchedulesFor } from "./sync-schedules.ts";

export interface ReconcileResult {
  /** Scheduler ids created or changed (a new one runs its first incremental sync at once). */
  upserted: string[];
  /** Scheduler ids of connections that are gone or need re-auth. */
  removed: string[];
}

/**
 * Makes the `sync` queue's job schedulers match the connections: two per connection (see
 * sync-schedules.ts), none for a deleted one. A connection that needs re-auth is not scheduled: every
 * run would fail and alert again; once an admin reconnects it (state ok), the next pass schedules it
 * and its first sync runs at once. Unchanged schedulers are left alone, so a pass every minute never
 * moves the next run. Every scheduler of the queue is ours: an id not derived from a schedulable
 * connection is removed.
 */
export async function reconcileSyncSchedules(
  queue: Queue,
  connections: SourceConnectionRow[],
  settings: SyncScheduleSettings,
  catalog: JobCatalog = jobCatalog,
): Promise<ReconcileResult> {
  const options = jobOptionsFor(catalog.sync);
  const wanted = connections
    .filter((connection) => connection.state !== "needs_reauth")
    .flatMap((connection) => syncSchedulesFor(connection, settings));
  const existing = new Map((await queue.getJobSchedulers()).map((scheduler) => [scheduler.key, scheduler]));

  const upserted: string[] = [];
  for (const schedule of wanted) {
    const current = existing.get(schedule.id);
    if (current && fingerprint(current) === fingerprint(expected(schedule, options))) continue;
    await queue.upsertJobScheduler(schedule.id, schedule.repeat, {
      name: "sync",
      data: schedule.payload,
      opts: options,
    });
    upserted.push(schedule.id);
  }

  const wantedIds = new Set(wanted.map((schedule) => schedule.id));
  const removed: string[] = [];
  for (const id of existing.keys()) {
    if (wantedIds.has(id)) continue;
    await queue.removeJobScheduler(id);
    removed.push(id);
  }
  return { upserted, removed };
}

type SchedulerShape = Pick<JobSchedulerJson, "every" | "pattern" | "tz" | "template">;

function expected(schedule: SyncSchedule, options: ReturnType<typeof jobOptionsFor>): SchedulerShape {
  return { ...schedule.repeat, template: { data: schedule.payload, opts: options } };
}

/** What decides whether a stored scheduler still matches: timing, payload and retry options. */
function fingerprint(scheduler: SchedulerShape): string {
  const opts = scheduler.template?.opts;
  return JSON.stringify([
    scheduler.every ?? null,
    scheduler.pattern ?? null,
    scheduler.tz ?? null,
    scheduler.template?.data ?? null,
    opts?.attempts ?? null,
    opts?.backoff ?? null,
    opts?.removeOnComplete ?? null,
    opts?.removeOnFail ?? null,
  ]);
}
