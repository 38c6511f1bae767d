import { internalNotionConnectionId } from "#connectors/notion/sync/internal-notion-connection-id.ts";
import type { Db } from "#shared/db/database.ts";
import { ensureSourceConnection } from "#shared/db/source-connection-repository.ts";
import { ensureWorkspace } from "#shared/db/workspace-repository.ts";

export const internalNotionLabel = "Notion (internal integration)";

/**
 * Connections configured by environment variables exist as rows like any other, so they are listed,
 * scheduled and synced the same way: NOTION_TOKEN connects one Notion workspace to SABIO_WORKSPACE.
 */
export async function ensureEnvConnections(
  db: Db,
  env: { NOTION_TOKEN?: string | undefined; SABIO_WORKSPACE: string },
): Promise<void> {
  if (!env.NOTION_TOKEN) return;
  await ensureWorkspace(db, env.SABIO_WORKSPACE);
  await ensureSourceConnection(db, {
    id: internalNotionConnectionId(env.SABIO_WORKSPACE),
    workspaceId: env.SABIO_WORKSPACE,
    kind: "notion",
    source: "notion",
    label: internalNotionLabel,
  });
}
