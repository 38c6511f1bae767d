import { AppError, ErrorCode } from "#shared/errors/app-error.ts";
import type { Output } from "../output.ts";
import type { CommandLine } from "../parse-command-line.ts";
import type { Services } from "../services.ts";

/** `sabio connect notion --workspace <id>`: prints the OAuth link an admin opens. */
export async function connectCommand(
  _services: Services,
  _commandLine: CommandLine,
  _output: Output,
): Promise<number> {
  throw new AppError(ErrorCode.InvalidConfig, "Connecting Notion through OAuth is not available yet.");
}
