import { loadDotEnv, parseEnv } from "#shared/config/load-env.ts";
import { ErrorCode, isAppError } from "#shared/errors/app-error.ts";
import { createLogger } from "#shared/log/logger.ts";
import { type Output, processOutput } from "./output.ts";
import { type CommandLine, parseCommandLine } from "./parse-command-line.ts";
import { createServices, type Services } from "./services.ts";
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
      return await runCommand(services, commandLine, output);
    } finally {
      await services.close();
    }
  } catch (error) {
    return reportError(error, output);
  }
}

/**
 * Each command's module is imported only when it runs: the long-running `start` then holds no
 * ingest parsers (PDF, DOCX), Notion client or search printer in its heap, and a one-shot command
 * does not load Bolt or BullMQ workers.
 */
async function runCommand(services: Services, commandLine: CommandLine, output: Output): Promise<number> {
  switch (commandLine.command) {
    case "ingest":
      return (await import("./commands/ingest.ts")).ingestCommand(services, commandLine, output);
    case "sync":
      return (await import("./commands/sync.ts")).syncCommand(services, commandLine, output);
    case "sources":
      return (await import("./commands/sources.ts")).sourcesCommand(services, commandLine, output);
    case "connect":
      return (await import("./commands/connect.ts")).connectCommand(services, commandLine, output);
    case "disconnect":
      return (await import("./commands/disconnect.ts")).disconnectCommand(services, commandLine, output);
    case "search":
      return (await import("./commands/search.ts")).searchCommand(services, commandLine, output);
    case "ask":
      return (await import("./commands/ask.ts")).askCommand(services, commandLine, output);
    case "start":
      return (await import("./commands/start.ts")).startCommand(services, commandLine, output);
    case "doctor":
      return (await import("./commands/doctor.ts")).doctorCommand(services, output);
    case "help":
      output.out(usage);
      return 0;
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
