import { internalNotionConnectionId } from "#connectors/notion/sync/internal-notion-connection-id.ts";
import type { Db } from "#shared/db/database.ts";
import { ensureSourceConnection } from "#shared/db/source-connection-repository.ts";
import { ensureWorkspace } from "#shared/db/workspace-repository.ts";

export const internalNotionLabel = "Notion (internal integration)";
export const serviceAccountDriveLabel = "Google Drive (service account)";

/** The connection GOOGLE_SERVICE_ACCOUNT_FILE makes: one per workspace, its documents under one source. */
export function serviceAccountDriveConnectionId(workspaceId: string): string {
  return `drive-service-account@${workspaceId}`;
}
export const serviceAccountDriveSource = "drive:service-account";

/**
 * Connections configured by environment variables exist as rows like any other, so they are listed,
 * scheduled and synced the same way: NOTION_TOKEN connects one Notion workspace to SABIO_WORKSPACE,
 * GOOGLE_SERVICE_ACCOUNT_FILE (with GOOGLE_DRIVE_SUBJECT) the Drive the service account can read.
 */
export async function ensureEnvConnections(
  db: Db,
  env: {
    NOTION_TOKEN?: string | undefined;
    GOOGLE_SERVICE_ACCOUNT_FILE?: string | undefined;
    SABIO_WORKSPACE: string;
  },
): Promise<void> {
  if (!env.NOTION_TOKEN && !env.GOOGLE_SERVICE_ACCOUNT_FILE) return;
  await ensureWorkspace(db, env.SABIO_WORKSPACE);
  if (env.GOOGLE_SERVICE_ACCOUNT_FILE) {
    await ensureSourceConnection(db, {
      id: serviceAccountDriveConnectionId(env.SABIO_WORKSPACE),
      workspaceId: env.SABIO_WORKSPACE,
      kind: "drive",
      source: serviceAccountDriveSource,
      label: serviceAccountDriveLabel,
    });
  }
  if (!env.NOTION_TOKEN) return;
  await ensureSourceConnection(db, {
    id: internalNotionConnectionId(env.SABIO_WORKSPACE),
    workspaceId: env.SABIO_WORKSPACE,
    kind: "notion",
    source: "notion",
    label: internalNotionLabel,
  });
}
