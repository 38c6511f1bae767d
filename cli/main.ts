import { loadDotEnv, parseEnv } from "#shared/config/load-env.ts";
import { ErrorCode, isAppError } from "#shared/errors/app-error.ts";
import { createLogger } from "#shared/log/logger.ts";
import { askCommand } from "./commands/ask.ts";
import { connectCommand } from "./commands/connect.ts";
import { disconnectCommand } from "./commands/disconnect.ts";
import { doctorCommand } from "./commands/doctor.ts";
import { ingestCommand } from "./commands/ingest.ts";
import { searchCommand } from "./commands/search.ts";
import { sourcesCommand } from "./commands/sources.ts";
import { startCommand } from "./commands/start.ts";
import { syncCommand } from "./commands/sync.ts";
import { type Output, processOutput } from "./output.ts";
import { parseCommandLine } from "./parse-command-line.ts";
import { createServices } from "./services.ts";
import { usage } from "./usage.ts";
import { UsageError } from "./usage-error.ts";

/** Exit codes: 0 ok, 1 failure, 2 bad usage, input or configuration. */
export async function main(
  argv: string[],
  source: Record<string, string | undefined>,
  output: Output,
): Promise<number> {
  try {
    const commandLine = parseCommandLine(argv);
    if (commandLine.command === "help" || commandLine.help) {
      output.out(usage);
      return 0;
    }
    const env = parseEnv(source);
    // One-shot commands print their own plain-words notes; their logs stay quiet unless asked for.
    const quiet = commandLine.command !== "start" && !source.LOG_LEVEL;
    const logger = createLogger({ level: quiet ? "error" : env.LOG_LEVEL });
    const services = createServices(env, logger);
    try {
      switch (commandLine.command) {
        case "ingest":
          return await ingestCommand(services, commandLine, output);
        case "sync":
          return await syncCommand(services, commandLine, output);
        case "sources":
          return await sourcesCommand(services, commandLine, output);
        case "connect":
          return await connectCommand(services, commandLine, output);
        case "disconnect":
          return await disconnectCommand(services, commandLine, output);
        case "search":
          return await searchCommand(services, commandLine, output);
        case "ask":
          return await askCommand(services, commandLine, output);
        case "start":
          return await startCommand(services, commandLine, output);
        case "doctor":
          return await doctorCommand(services, output);
      }
    } finally {
      await services.close();
    }
  } catch (error) {
    return reportError(error, output);
  }
}

function reportError(error: unknown, output: Output): number {
  if (error instanceof UsageError) {
    output.note(`${error.message}\n\n${usage}`);
    return 2;
  }
  if (isAppError(error)) {
    output.note(error.code === ErrorCode.InvalidConfig ? error.message : `Error: ${error.message}`);
    if (error.hint) output.note(`Hint: ${error.hint}`);
    const userFault: string[] = [ErrorCode.InvalidConfig, ErrorCode.InvalidInput, ErrorCode.InvalidWorkspace];
    return userFault.includes(error.code) ? 2 : 1;
  }
  output.note(`Unexpected error: ${error instanceof Error ? error.message : String(error)}`);
  if (process.env.LOG_LEVEL === "debug" && error instanceof Error) output.note(error.stack ?? "");
  return 1;
}

if (import.meta.main) {
  loadDotEnv();
  const code = await main(process.argv.slice(2), process.env, processOutput);
  process.exitCode = code;
}
