import type { CommandName } from "./parse-command-line.ts";

/**
 * Wrong command-line usage: the CLI prints the message and the usage line of `command` (when it is
 * known), and exits with code 2. Commands need not pass `command`: main knows which one ran.
 */
export class UsageError extends Error {
  readonly command: CommandName | undefined;

  constructor(message: string, options: { command?: CommandName | undefined } = {}) {
    super(message);
    this.name = "UsageError";
    this.command = options.command;
  }
}
