import { parseWorkspaceId } from "#shared/workspace/workspace-id.ts";
import type { CommandLine } from "../parse-command-line.ts";
import { UsageError } from "../usage-error.ts";

/**
 * The workspace of a command that takes options only, `--workspace` among them (`sabio train`,
 * `sabio billing`…): a usage error naming `command` when it is missing or arguments came too.
 */
export function optionsOnlyWorkspace(command: string, commandLine: CommandLine): string {
  if (!commandLine.workspace) throw new UsageError(`${command} needs --workspace <id>.`);
  if (commandLine.positionals.length > 0)
    throw new UsageError(`${command} takes no arguments besides its options.`);
  return parseWorkspaceId(commandLine.workspace);
}
