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
  "model",
  "approve",
  "approvals",
  "dataset",
  "train",
  "billing",
  "version",
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
  /** `search`/`ask --as <email>`: only what that person may see (without it: the operator, everything). */
  as: string | undefined;
  /** `approve --question <id>`: the question whose answer is approved (as `approvals` lists it). */
  question: string | undefined;
  /** `approve --by <name>`: who approves (default: the OS user name). */
  by: string | undefined;
  /** `approve --text-file <file>`: the corrected answer to approve instead. */
  textFile: string | undefined;
  /** `approve --drop`: delete the approval instead (the answer waits for approval again). */
  drop: boolean;
  /** `approvals --state pending|approved|stale`. */
  state: "pending" | "approved" | "stale" | undefined;
  /** `dataset --out <dir>`: the folder the dataset is written to (created if missing). */
  out: string | undefined;
  /** `train --dry-run`: build the dataset and config, say what a run would do, train nothing. */
  dryRun: boolean;
  help: boolean;
  /** `--version` (any command): print the version and nothing else. */
  version: boolean;
}

/** Parses argv (without node and script) strictly: unknown options and bad values are usage errors. */
export function parseCommandLine(argv: string[]): CommandLine {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (error) {
    throw new UsageError(describeParseError(error), { command: guessCommand(argv) });
  }
  const { values, positionals } = parsed;
  const [command, ...rest] = positionals;
  if (!command) {
    if (values.version) return { ...defaults(), command: "version", version: true };
    if (values.help) return { ...defaults(), command: "help", help: true };
    throw new UsageError("No command given.");
  }
  if (!isCommand(command)) throw new UsageError(`Unknown command "${command}".`);
  let limit: number | undefined;
  if (values.limit !== undefined) {
    limit = Number(values.limit);
    if (!Number.isInteger(limit) || limit < 1 || limit > 100) {
      throw new UsageError(`--limit must be a whole number from 1 to 100 (got "${values.limit}").`, {
        command,
      });
    }
  }
  const as = values.as?.trim();
  if (as !== undefined && !/^[^\s@]+@[^\s@]+$/.test(as)) {
    throw new UsageError(`--as needs an email address, e.g. bob@example.com (got "${values.as}").`, {
      command,
    });
  }
  const state = values.state;
  if (state !== undefined && state !== "pending" && state !== "approved" && state !== "stale") {
    throw new UsageError(`--state must be pending, approved or stale (got "${state}").`, { command });
  }
  return {
    command,
    positionals: rest,
    workspace: values.workspace,
    json: values.json ?? false,
    limit,
    batch: values.batch,
    full: values.full ?? false,
    source: values.source,
    baseUrl: values["base-url"],
    as,
    question: values.question,
    by: values.by,
    textFile: values["text-file"],
    drop: values.drop ?? false,
    state,
    out: values.out,
    dryRun: values["dry-run"] ?? false,
    help: values.help ?? false,
    version: values.version ?? false,
  };
}

function isCommand(name: string): name is CommandName {
  return (commands as readonly string[]).includes(name);
}

/** The command a line that failed to parse was meant for, so its usage line can be shown. */
function guessCommand(argv: string[]): CommandName | undefined {
  try {
    const [first] = parseArgs({ args: argv, allowPositionals: true, strict: false, options }).positionals;
    return first !== undefined && isCommand(first) ? first : undefined;
  } catch {
    return undefined;
  }
}

/**
 * parseArgs' own messages suggest `-- "--wat"`, which reads as npm's `--` and misleads; these say
 * what is wrong in sabio's terms (main adds the npm note when npm ran it).
 */
function describeParseError(error: unknown): string {
  const code = (error as { code?: string }).code;
  const message = error instanceof Error ? error.message : String(error);
  const option = /'(-[^' ]+)/.exec(message)?.[1];
  if (code === "ERR_PARSE_ARGS_UNKNOWN_OPTION" && option) return `Unknown option "${option}".`;
  if (code === "ERR_PARSE_ARGS_INVALID_OPTION_VALUE" && option) {
    return message.includes("argument missing") ? `${option} needs a value.` : `${option} takes no value.`;
  }
  return message;
}

const options = {
  workspace: { type: "string", short: "w" },
  json: { type: "boolean" },
  limit: { type: "string" },
  batch: { type: "string" },
  full: { type: "boolean" },
  source: { type: "string" },
  "base-url": { type: "string" },
  as: { type: "string" },
  question: { type: "string" },
  by: { type: "string" },
  "text-file": { type: "string" },
  drop: { type: "boolean" },
  state: { type: "string" },
  out: { type: "string" },
  "dry-run": { type: "boolean" },
  help: { type: "boolean", short: "h" },
  version: { type: "boolean" },
} as const;

function parse(argv: string[]) {
  return parseArgs({ args: argv, allowPositionals: true, strict: true, options });
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
    as: undefined,
    question: undefined,
    by: undefined,
    textFile: undefined,
    drop: false,
    state: undefined,
    out: undefined,
    dryRun: false,
    help: false,
    version: false,
  };
}
