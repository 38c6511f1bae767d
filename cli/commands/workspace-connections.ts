import { ensureEnvConnections } from "#connectors/sources/ensure-env-connections.ts";
import type { SourceConnectionRow } from "#shared/db/schema.ts";
import { listSourceConnections } from "#shared/db/source-connection-repository.ts";
import { AppError, ErrorCode } from "#shared/errors/app-error.ts";
import type { Services } from "../services.ts";

/**
 * A workspace's connections (those configured by environment variables registered first), or the
 * one `--source` names. Throws not_found with what exists when `--source` matches none.
 */
export async function workspaceConnections(
  services: Services,
  workspaceId: string,
  sourceId: string | undefined,
): Promise<SourceConnectionRow[]> {
  const database = await services.database();
  await ensureEnvConnections(database.db, services.env);
  const connections = await listSourceConnections(database.db, workspaceId);
  if (sourceId === undefined) return connections;
  const match = connections.filter((connection) => connection.id === sourceId);
  if (match.length === 0) {
    const known = connections.map((connection) => connection.id).join(", ");
    throw new AppError(
      ErrorCode.InvalidInput,
      `Workspace "${workspaceId}" has no source "${sourceId}"${known ? ` (it has: ${known})` : ""}.`,
      { hint: `list them with \`sabio sources --workspace ${workspaceId}\`` },
    );
  }
  return match;
}

/** What to say when a workspace has nothing connected. */
export function noSourcesError(workspaceId: string, sabioWorkspace: string): AppError {
  return new AppError(ErrorCode.InvalidConfig, `Workspace "${workspaceId}" has no connected sources.`, {
    hint:
      workspaceId === sabioWorkspace
        ? "set NOTION_TOKEN (an internal integration from https://www.notion.so/my-integrations, with pages shared to it) or GOOGLE_SERVICE_ACCOUNT_FILE (a Google Drive service account), or run `sabio connect notion` or `sabio connect drive`"
        : `NOTION_TOKEN connects SABIO_WORKSPACE ("${sabioWorkspace}"), as GOOGLE_SERVICE_ACCOUNT_FILE does; connect "${workspaceId}" with \`sabio connect notion --workspace ${workspaceId}\` or \`sabio connect drive --workspace ${workspaceId}\``,
  });
}
