import type { SourceConnectionRow } from "#shared/db/schema.ts";

/** How admins read a connection's state (`sabio sources`, the Slack App Home). */
export type SourceStateLabel = "syncing" | "ok" | "needs re-auth" | "error";

/**
 * Drive: whether a file shared with a group reaches its members. `expanded`: through the Workspace
 * directory; `not-expanded`: only the operator sees it; `workspace`: DRIVE_ACCESS=workspace, everyone does.
 */
export type GroupAccess = "expanded" | "not-expanded" | "workspace";

/** What each GroupAccess means for readers, in one wording for `sabio sources` and the App Home. */
export const groupAccessText: Record<GroupAccess, string> = {
  expanded:
    "members expanded through the Google Workspace directory (as GOOGLE_DRIVE_SUBJECT), groups inside groups included",
  "not-expanded":
    "not expanded: files shared only with a group are visible to nobody but the operator (the CLI without --as) until GOOGLE_SERVICE_ACCOUNT_FILE and GOOGLE_DRIVE_SUBJECT are set (domain-wide delegation with the admin.directory.group.readonly scope)",
  workspace: "not needed: DRIVE_ACCESS=workspace, everyone in the workspace sees every file",
};

export interface SourceConnectionView {
  id: string;
  kind: string;
  label: string;
  workspaceId: string;
  state: SourceStateLabel;
  /** When the latest sync started, whatever its outcome. */
  lastSyncAt: string | null;
  /** When the latest complete (full) listing started: deletions are current as of then. */
  lastCompleteSyncAt: string | null;
  documentCount: number;
  /** Why the last sync failed or what to do, in plain words; null when all is well. */
  lastError: string | null;
  /** Folder sources: the folder's absolute path and, when set, its published site. */
  path?: string;
  baseUrl?: string;
  /** Drive connections, when the caller knows the configuration. */
  groupAccess?: GroupAccess;
}

export const interruptedSyncMessage =
  "The last sync stopped before it finished (the process ended); the next sync picks up where it left off.";

/**
 * A connection as admins should read it. A row still "syncing" whose lease ran out belongs to a
 * process that was killed: that is an error to report, not a sync in progress.
 */
export function describeSourceConnection(
  row: SourceConnectionRow,
  now: Date = new Date(),
  options: { groupAccess?: GroupAccess } = {},
): SourceConnectionView {
  const leaseHeld = row.syncLeaseUntil !== null && row.syncLeaseUntil > now;
  let state: SourceStateLabel = row.state === "needs_reauth" ? "needs re-auth" : row.state;
  let lastError = row.lastError;
  if (leaseHeld && row.state !== "needs_reauth") state = "syncing";
  else if (row.state === "syncing") {
    state = "error";
    lastError = interruptedSyncMessage;
  }
  return {
    id: row.id,
    kind: row.kind,
    label: row.label ?? row.id,
    workspaceId: row.workspaceId,
    state,
    lastSyncAt: row.lastSyncAt?.toISOString() ?? null,
    lastCompleteSyncAt: row.lastCompleteSyncAt?.toISOString() ?? null,
    documentCount: row.documentCount,
    lastError,
    ...folderFields(row.settings),
    ...(row.kind === "drive" && options.groupAccess ? { groupAccess: options.groupAccess } : {}),
  };
}

function folderFields(settings: Record<string, unknown>): { path?: string; baseUrl?: string } {
  return {
    ...(typeof settings.path === "string" ? { path: settings.path } : {}),
    ...(typeof settings.baseUrl === "string" ? { baseUrl: settings.baseUrl } : {}),
  };
}
