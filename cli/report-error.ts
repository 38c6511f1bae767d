import { ErrorCode, isAppError } from "#shared/errors/app-error.ts";
import { type Output, printJson } from "./output.ts";
import type { CommandName } from "./parse-command-line.ts";
import { moreHelp, usageLines } from "./usage.ts";
import { UsageError } from "./usage-error.ts";

export interface ErrorContext {
  /** The command that ran (or was meant), for the usage line of a usage error. */
  command: CommandName | undefined;
  /** `--json`: the error is one JSON document on stdout, `{"error":{"code","message","hint"}}`. */
  json: boolean;
  /** npm ran the `sabio` script: options it swallowed (`--workspace`, `--json`) need a `--` first. */
  viaNpmRun: boolean;
  /** LOG_LEVEL=debug: unexpected errors print their stack. */
  debug: boolean;
}

const userFault: string[] = [ErrorCode.InvalidConfig, ErrorCode.InvalidInput, ErrorCode.InvalidWorkspace];

const npmNote =
  "Through npm, sabio's options go after `--`: npm run --silent sabio -- <command> [options] (or `npm link` once, then `sabio …`).";

/** Prints an error the way the person (or, with --json, the program) reading it needs; returns the exit code. */
export function reportError(error: unknown, context: ErrorContext, output: Output): number {
  if (error instanceof UsageError) {
    const command = error.command ?? context.command;
    const hint = [usageLines(command), moreHelp, ...(context.viaNpmRun ? [npmNote] : [])].join("\n");
    if (context.json) printError(output, "usage", error.message, hint);
    else output.note(`${error.message}\n${hint}`);
    return 2;
  }
  if (isAppError(error)) {
    if (context.json) printError(output, error.code, error.message, error.hint);
    else {
      output.note(error.code === ErrorCode.InvalidConfig ? error.message : `Error: ${error.message}`);
      if (error.hint) output.note(`Hint: ${error.hint}`);
    }
    return userFault.includes(error.code) ? 2 : 1;
  }
  const message = error instanceof Error ? error.message : String(error);
  if (context.json) printError(output, ErrorCode.Internal, message, undefined);
  else {
    output.note(`Unexpected error: ${message}`);
    if (context.debug && error instanceof Error) output.note(error.stack ?? "");
  }
  return 1;
}

function printError(output: Output, code: string, message: string, hint: string | undefined): void {
  printJson(output, { error: { code, message, hint: hint ?? null } });
}
