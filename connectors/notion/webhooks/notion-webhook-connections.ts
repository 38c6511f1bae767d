import { and, eq } from "drizzle-orm";
import { internalNotionConnectionId } from "#connectors/notion/sync/internal-notion-connection-id.ts";
import type { Db } from "#shared/db/database.ts";
import { sourceConnections } from "#shared/db/schema.ts";
import { getSourceConnection } from "#shared/db/source-connection-repository.ts";

export interface WebhookConnection {
  id: string;
  workspaceId: string;
}

/**
 * The connections a webhook event from `notionWorkspaceId` concerns: every OAuth connection of that
 * Notion workspace (one per Sabio workspace it is connected to), else the internal integration's
 * connection of `internalWorkspaceId` (NOTION_TOKEN's SABIO_WORKSPACE), unless that one is known to
 * belong to another Notion workspace.
 */
export async function notionWebhookConnections(
  db: Db,
  notionWorkspaceId: string,
  internalWorkspaceId: string | undefined,
): Promise<WebhookConnection[]> {
  const connected = await db
    .select({ id: sourceConnections.id, workspaceId: sourceConnections.workspaceId })
    .from(sourceConnections)
    .where(
      and(eq(sourceConnections.kind, "notion"), eq(sourceConnections.externalAccountId, notionWorkspaceId)),
    );
  if (connected.length > 0 || internalWorkspaceId === undefined) return connected;
  const internal = await getSourceConnection(db, internalNotionConnectionId(internalWorkspaceId));
  if (!internal || internal.credentials !== null) return [];
  if (internal.externalAccountId !== null && internal.externalAccountId !== notionWorkspaceId) return [];
  return [{ id: internal.id, workspaceId: internal.workspaceId }];
}
