import { parseArgs } from "node:util";
import { UsageError } from "./usage-error.ts";

export const commands = [
  "ingest",
  "sync",
  "sources",
  "connect",
  "disconnect",
  "search",
  "ask",
  "start",
  "doctor",
  "help",
] as const;
export type CommandName = (typeof commands)[number];

export interface CommandLine {
  command: CommandName;
  positionals: string[];
  workspace: string | undefined;
  json: boolean;
  limit: number | undefined;
  batch: string | undefined;
  /** `sync --full`: list everything (catches un-shared pages), not only what changed. */
  full: boolean;
  /** `sync`/`disconnect`/`ingest --source <connection id>`: one connection (see `sabio sources`). */
  source: string | undefined;
  /** `ingest --base-url <url>`: the published docs site; files cite their page there. */
  baseUrl: string | undefined;
  help: boolean;
}

/** Parses argv (without node and script) strictly: unknown options and bad values are usage errors. */
export function parseCommandLine(argv: string[]): CommandLine {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const { values, positionals } = parsed;
  const [command, ...rest] = positionals;
  if (!command) {
    if (values.help) return { ...defaults(), command: "help", help: true };
    throw new UsageError("No command given.");
  }
  if (!(commands as readonly string[]).includes(command))
    throw new UsageError(`Unknown command "${command}".`);
  let limit: number | undefined;
  if (values.limit !== undefined) {
    limit = Number(values.limit);
    if (!Number.isInteger(limit) || limit < 1 || limit > 100) {
      throw new UsageError(`--limit must be a whole number from 1 to 100 (got "${values.limit}").`);
    }
  }
  return {
    command: command as CommandName,
    positionals: rest,
    workspace: values.workspace,
    json: values.json ?? false,
    limit,
    batch: values.batch,
    full: values.full ?? false,
    source: values.source,
    baseUrl: values["base-url"],
    help: values.help ?? false,
  };
}

function parse(argv: string[]) {
  return parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      workspace: { type: "string", short: "w" },
      json: { type: "boolean" },
      limit: { type: "string" },
      batch: { type: "string" },
      full: { type: "boolean" },
      source: { type: "string" },
      "base-url": { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
}

function defaults(): Omit<CommandLine, "command"> {
  return {
    positionals: [],
    workspace: undefined,
    json: false,
    limit: undefined,
    batch: undefined,
    full: false,
    source: undefined,
    baseUrl: undefined,
    help: false,
  };
}
