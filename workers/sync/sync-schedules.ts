import type { SyncMode } from "#connectors/sources/sync-source.ts";
import type { SourceConnectionKind, SourceConnectionRow } from "#shared/db/schema.ts";
import type { JobPayload } from "#shared/queue/job-catalog.ts";

/**
 * When connections sync on their own: each kind's minutes between incremental syncs (its connector's,
 * e.g. NOTION_SYNC_MINUTES; undefined = not scheduled, as folders), and the full-sync cron every
 * kind shares (NOTION_FULL_SYNC_CRON, in TIMEZONE).
 */
export interface SyncScheduleSettings {
  incrementalMinutes: (kind: SourceConnectionKind) => number | undefined;
  fullSyncCron: string;
  timezone: string;
}

/** One BullMQ job scheduler of the `sync` queue: its id, its timing and the job it adds. */
export interface SyncSchedule {
  id: string;
  repeat: { every: number } | { pattern: string; tz: string };
  payload: JobPayload<"sync">;
}

/** Derived from the connection id, so a deleted connection's schedulers can be found and removed. */
export function syncSchedulerId(connectionId: string, mode: SyncMode): string {
  return `sync/${connectionId}/${mode}`;
}

/**
 * A connection's two schedules: incremental every few minutes (the first one at once, so a new
 * connection syncs without waiting) and a daily full pass, the only way to notice un-shared pages.
 * None for a kind that is not scheduled.
 */
export function syncSchedulesFor(
  connection: Pick<SourceConnectionRow, "id" | "workspaceId" | "kind">,
  settings: SyncScheduleSettings,
): SyncSchedule[] {
  const minutes = settings.incrementalMinutes(connection.kind);
  if (minutes === undefined) return [];
  const payload = (mode: SyncMode): JobPayload<"sync"> => ({
    workspaceId: connection.workspaceId,
    connectionId: connection.id,
    mode,
    reason: "schedule",
  });
  return [
    {
      id: syncSchedulerId(connection.id, "incremental"),
      repeat: { every: minutes * 60_000 },
      payload: payload("incremental"),
    },
    {
      id: syncSchedulerId(connection.id, "full"),
      repeat: { pattern: settings.fullSyncCron, tz: settings.timezone },
      payload: payload("full"),
    },
  ];
}
