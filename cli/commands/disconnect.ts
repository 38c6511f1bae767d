import { disconnectSource } from "#connectors/sources/disconnect-source.ts";
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
  // The internal integration comes back on the next run while NOTION_TOKEN is still set.
  const tokenStillSet =
    connection.kind === "notion" && connection.credentials === null && Boolean(services.env.NOTION_TOKEN);
  if (commandLine.json) {
    printJson(output, {
      source: connection.id,
      status: result.status,
      ...(result.status === "removed" ? { documentsRemoved: result.documents } : {}),
      ...(tokenStillSet ? { warning: "NOTION_TOKEN is still set" } : {}),
    });
  } else if (result.status === "busy") {
    output.out(`${label} is syncing right now; disconnect it again when the sync has finished.`);
  } else {
    output.out(
      `Disconnected ${label}: removed ${result.documents} documents from workspace "${workspaceId}".`,
    );
    if (tokenStillSet)
      output.out(
        "  NOTION_TOKEN is still set: unset it, or the next sync connects the internal integration again.",
      );
  }
  return result.status === "removed" ? 0 : 1;
}
