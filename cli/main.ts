import { loadDotEnv, type ParseEnvOptions, parseEnv } from "#shared/config/load-env.ts";
import { createLogger } from "#shared/log/logger.ts";
import { type Output, processOutput } from "./output.ts";
import { type CommandLine, type CommandName, parseCommandLine } from "./parse-command-line.ts";
import { prepareDataDir } from "./prepare-data-dir.ts";
import { reportError } from "./report-error.ts";
import { createServices, type Services } from "./services.ts";
import { commandHelp, usage } from "./usage.ts";
import { resolveUserPaths, userDirectory } from "./user-paths.ts";
import { sabioVersion } from "./version.ts";

/** The commands that talk to Redis; the others ignore REDIS_URL, whatever it holds. */
const redisCommands: ReadonlySet<CommandName> = new Set(["start", "sync", "doctor"]);
/** The commands that keep no state, so they do not create DATA_DIR. */
const statelessCommands: ReadonlySet<CommandName> = new Set(["connect", "help", "version"]);

/** `ingest` reads REDIS_URL only to hand its work to a running start: a bad one must not stop it. */
function envOptions(command: CommandName): ParseEnvOptions {
  if (redisCommands.has(command)) return {};
  return command === "ingest" ? { lenient: ["REDIS_URL"] } : { unused: ["REDIS_URL"] };
}

/** Exit codes: 0 ok, 1 failure, 2 bad usage, input or configuration. */
export async function main(
  argv: string[],
  source: Record<string, string | undefined>,
  output: Output,
): Promise<number> {
  let commandLine: CommandLine | undefined;
  try {
    commandLine = parseCommandLine(argv);
    if (commandLine.version || commandLine.command === "version") {
      output.out(sabioVersion());
      return 0;
    }
    if (commandLine.command === "help" || commandLine.help) {
      output.out(commandLine.command === "help" ? usage : commandHelp(commandLine.command));
      return 0;
    }
    commandLine = resolveUserPaths(commandLine, userDirectory(source));
    const env = parseEnv(source, envOptions(commandLine.command));
    const embedded = !env.DATABASE_URL || env.VECTOR_STORE === "lancedb";
    if (embedded && !statelessCommands.has(commandLine.command)) await prepareDataDir(env.DATA_DIR);
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
    const context = {
      command: commandLine?.command,
      // A line that did not parse may still have asked for JSON.
      json: commandLine?.json ?? argv.includes("--json"),
      viaNpmRun: source.npm_lifecycle_event === "sabio",
      debug: source.LOG_LEVEL === "debug",
    };
    return reportError(error, context, output);
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
    case "model":
      return (await import("./commands/model.ts")).modelCommand(services, commandLine, output);
    case "approve":
      return (await import("./commands/approve.ts")).approveCommand(services, commandLine, output);
    case "approvals":
      return (await import("./commands/approvals.ts")).approvalsCommand(services, commandLine, output);
    case "billing":
      return (await import("./commands/billing.ts")).billingCommand(services, commandLine, output);
    case "dataset":
      return (await import("./commands/dataset.ts")).datasetCommand(services, commandLine, output);
    case "train":
      return (await import("./commands/train.ts")).trainCommand(services, commandLine, output);
    case "help":
      output.out(usage);
      return 0;
    case "version":
      output.out(sabioVersion());
      return 0;
  }
}

/** The process entry (bin/sabio.js, `node cli/main.ts`): `.env`, the real environment and terminal. */
export async function runCli(argv: string[]): Promise<void> {
  loadDotEnv();
  process.exitCode = await main(argv, process.env, processOutput);
}

if (import.meta.main) await runCli(process.argv.slice(2));
