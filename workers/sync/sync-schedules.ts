import type { SyncMode } from "#connectors/sources/sync-source.ts";
import type { SourceConnectionRow } from "#shared/db/schema.ts";
import type { JobPayload } from "#shared/queue/job-catalog.ts";

/** When connections sync on their own: NOTION_SYNC_MINUTES, NOTION_FULL_SYNC_CRON and TIMEZONE. */
export interface SyncScheduleSettings {
  incrementalMinutes: number;
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
 */
export function syncSchedulesFor(
  connection: Pick<SourceConnectionRow, "id" | "workspaceId">,
  settings: SyncScheduleSettings,
): SyncSchedule[] {
  const payload = (mode: SyncMode): JobPayload<"sync"> => ({
    workspaceId: connection.workspaceId,
    connectionId: connection.id,
    mode,
    reason: "schedule",
  });
  return [
    {
      id: syncSchedulerId(connection.id, "incremental"),
      repeat: { every: settings.incrementalMinutes * 60_000 },
      payload: payload("incremental"),
    },
    {
      id: syncSchedulerId(connection.id, "full"),
      repeat: { pattern: settings.fullSyncCron, tz: settings.timezone },
      payload: payload("full"),
    },
  ];
}
