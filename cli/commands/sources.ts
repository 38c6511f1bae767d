import { groupAccessFromEnv } from "#connectors/drive/directory/group-access-from-env.ts";
import {
  describeSourceConnection,
  groupAccessText,
  type SourceConnectionView,
} from "#connectors/sources/describe-source-connection.ts";
import type { SourceConnectionRow } from "#shared/db/schema.ts";
import { type Output, printJson } from "../output.ts";
import type { CommandLine } from "../parse-command-line.ts";
import type { Services } from "../services.ts";
import { optionsOnlyWorkspace } from "./options-only-workspace.ts";
import { workspaceConnections } from "./workspace-connections.ts";

/** `sabio sources --workspace <id> [--json]`: each connection's state, last syncs, documents and last error. */
export async function sourcesCommand(
  services: Services,
  commandLine: CommandLine,
  output: Output,
): Promise<number> {
  const workspaceId = optionsOnlyWorkspace("sources", commandLine);
  const rows = await workspaceConnections(services, workspaceId, commandLine.source);
  const groupAccess = groupAccessFromEnv(services.env);
  const now = new Date();
  const views = rows.map((row) => describeSourceConnection(row, now, { groupAccess }));
  if (commandLine.json) {
    printJson(output, { workspace: workspaceId, sources: views });
    return 0;
  }
  if (views.length === 0) {
    output.out(
      `Workspace "${workspaceId}" has no connected sources. Ingest a folder (\`sabio ingest <path> --workspace ${workspaceId}\`), set NOTION_TOKEN, or run \`sabio connect notion --workspace ${workspaceId}\` or \`sabio connect drive --workspace ${workspaceId}\`.`,
    );
    return 0;
  }
  rows.forEach((row, index) => {
    const view = views[index];
    if (view) output.out(sourceLines(view, toFix(row)).join("\n"));
  });
  return 0;
}

/** What an admin does about a connection that needs re-auth, by kind and how it was connected. */
function toFix(row: Pick<SourceConnectionRow, "kind" | "credentials" | "workspaceId">): string {
  if (row.kind === "drive") {
    return row.credentials === null
      ? 'check GOOGLE_SERVICE_ACCOUNT_FILE and, with GOOGLE_DRIVE_SUBJECT, the domain-wide delegation (see README, "Connecting Google Drive").'
      : `reconnect Google Drive with \`sabio connect drive --workspace ${row.workspaceId}\` or \`/sabio connect drive\` (see README, "Connecting Google Drive").`;
  }
  return 'reconnect it (see README, "Connect Notion").';
}

function sourceLines(view: SourceConnectionView, fix: string): string[] {
  if (view.kind === "files") return folderLines(view);
  const lines = [
    `${view.label} [${view.id}]`,
    `  state: ${view.state}`,
    `  documents: ${view.documentCount}`,
    `  last sync: ${when(view.lastSyncAt)}`,
    `  last complete sync: ${when(view.lastCompleteSyncAt)}`,
  ];
  if (view.lastError) lines.push(`  last error: ${view.lastError}`);
  if (view.state === "needs re-auth") lines.push(`  to fix: ${fix}`);
  if (view.groupAccess) lines.push(`  groups: ${groupAccessText[view.groupAccess]}`);
  return lines;
}

function folderLines(view: SourceConnectionView): string[] {
  const lines = [
    `Folder ${view.label} [${view.id}]`,
    `  path: ${view.path ?? "unknown"}`,
    ...(view.baseUrl ? [`  published at: ${view.baseUrl}`] : []),
    `  state: ${view.state}`,
    `  documents: ${view.documentCount}`,
    `  last ingest: ${when(view.lastSyncAt)}`,
  ];
  if (view.lastError) lines.push(`  last error: ${view.lastError}`);
  return lines;
}

function when(iso: string | null): string {
  return iso === null ? "never" : iso.replace("T", " ").replace(/\.\d+Z$/, " UTC");
}
