import type { SourceConnectionRow } from "#shared/db/schema.ts";
import type { JobPayloadInput } from "#shared/queue/job-catalog.ts";

/**
 * What the sync role asks for when it starts, besides the schedules:
 * - a connection still marked `syncing` was interrupted (the process was killed): sync it now
 *   rather than at its next scheduled time; the run skips what is already indexed;
 * - a connection configured by NOTION_TOKEN (no stored credentials) that needs re-auth gets one try:
 *   fixing the token means a restart, and nothing else would notice the new one.
 */
export function syncsToResume(connections: SourceConnectionRow[]): JobPayloadInput<"sync">[] {
  return connections.flatMap((connection): JobPayloadInput<"sync">[] => {
    const request = (reason: "schedule" | "manual"): JobPayloadInput<"sync"> => ({
      workspaceId: connection.workspaceId,
      connectionId: connection.id,
      mode: "incremental",
      reason,
    });
    if (connection.state === "syncing") return [request("schedule")];
    if (connection.state === "needs_reauth" && connection.credentials === null) return [request("manual")];
    return [];
  });
}
