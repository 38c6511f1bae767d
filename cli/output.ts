/** Where a command writes: results to stdout, notes to stderr (so `--json` output stays parseable). */
export interface Output {
  /** A line of result. */
  out(text: string): void;
  /** A line for the person, not the result (progress, hints, errors). */
  note(text: string): void;
  /** Result text without a line break (streamed answers). */
  write(text: string): void;
  /** Where progress bars may be drawn (stderr); absent or not a TTY = no progress shown. */
  terminal?: ProgressTerminal;
}

/** A stream a progress bar can be drawn on: stderr, or a test's stand-in terminal. */
export interface ProgressTerminal extends NodeJS.WritableStream {
  isTTY?: boolean;
  columns?: number;
}

export const processOutput: Output = {
  out: (text) => process.stdout.write(`${text}\n`),
  note: (text) => process.stderr.write(`${text}\n`),
  write: (text) => process.stdout.write(text),
  terminal: process.stderr,
};

export function printJson(output: Output, value: unknown): void {
  output.out(JSON.stringify(value));
}
