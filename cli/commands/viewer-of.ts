import type { AccessViewer } from "#shared/knowledge/store/access-keys.ts";
import type { Output } from "../output.ts";
import type { CommandLine } from "../parse-command-line.ts";
import type { Services } from "../services.ts";

/**
 * Whom `search`/`ask` answer for: `--as <email>` is that person; without it the CLI is the operator
 * and sees everything. With DRIVE_ACCESS=workspace everyone sees everything, so `--as` changes
 * nothing (and says so, rather than pretending to restrict). The person's groups come from the
 * Workspace directory when one is configured, as for the answer worker.
 */
export async function viewerOf(
  services: Services,
  commandLine: CommandLine,
  output: Output,
): Promise<AccessViewer | undefined> {
  if (commandLine.as === undefined) return undefined;
  if (services.env.DRIVE_ACCESS === "workspace") {
    output.note("(DRIVE_ACCESS=workspace: everyone sees every document, so --as changes nothing)");
    return undefined;
  }
  return services.viewers()({ email: commandLine.as });
}
