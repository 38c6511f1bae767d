import { disconnectSource } from "#connectors/sources/disconnect-source.ts";
import type { SourceConnectionRow } from "#shared/db/schema.ts";
import { parseWorkspaceId } from "#shared/workspace/workspace-id.ts";
import { type Output, printJson } from "../output.ts";
import type { CommandLine } from "../parse-command-line.ts";
import type { Services } from "../services.ts";
import { UsageError } from "../usage-error.ts";
import { workspaceConnections } from "./workspace-connections.ts";

/**
 * `sabio disconnect --workspace <id> --source <id>`: removes the connection, its stored tokens and
 * everything indexed from it, so nothing from it is answered again.
 */
export async function disconnectCommand(
  services: Services,
  commandLine: CommandLine,
  output: Output,
): Promise<number> {
  if (!commandLine.workspace || !commandLine.source)
    throw new UsageError("disconnect needs --workspace <id> and --source <id> (see `sabio sources`).");
  if (commandLine.positionals.length > 0)
    throw new UsageError("disconnect takes no arguments besides its options.");
  const workspaceId = parseWorkspaceId(commandLine.workspace);
  const [connection] = await workspaceConnections(services, workspaceId, commandLine.source);
  if (!connection) throw new UsageError(`No source "${commandLine.source}".`);
  const result = await disconnectSource(await services.database(), services.store(), connection);
  const label = connection.label ?? connection.id;
  // A connection the environment made (no stored tokens) comes back on the next run while its variable is set.
  const stillSet = envVariableStillSet(connection, services.env);
  if (commandLine.json) {
    printJson(output, {
      source: connection.id,
      status: result.status,
      ...(result.status === "removed" ? { documentsRemoved: result.documents } : {}),
      ...(stillSet ? { warning: `${stillSet} is still set` } : {}),
    });
  } else if (result.status === "busy") {
    output.out(`${label} is syncing right now; disconnect it again when the sync has finished.`);
  } else {
    output.out(
      `Disconnected ${label}: removed ${result.documents} documents from workspace "${workspaceId}".`,
    );
    if (stillSet)
      output.out(`  ${stillSet} is still set: unset it, or the next sync connects ${label} again.`);
  }
  return result.status === "removed" ? 0 : 1;
}

/** The variable that made this connection, when it is still set (the next run makes it again). */
function envVariableStillSet(
  connection: SourceConnectionRow,
  env: Services["env"],
): "NOTION_TOKEN" | "GOOGLE_SERVICE_ACCOUNT_FILE" | undefined {
  if (connection.credentials !== null) return undefined;
  if (connection.kind === "notion" && env.NOTION_TOKEN) return "NOTION_TOKEN";
  if (connection.kind === "drive" && env.GOOGLE_SERVICE_ACCOUNT_FILE) return "GOOGLE_SERVICE_ACCOUNT_FILE";
  return undefined;
}
