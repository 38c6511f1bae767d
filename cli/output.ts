/** Where a command writes: results to stdout, notes to stderr (so `--json` output stays parseable). */
export interface Output {
  /** A line of result. */
  out(text: string): void;
  /** A line for the person, not the result (progress, hints, errors). */
  note(text: string): void;
  /** Result text without a line break (streamed answers). */
  write(text: string): void;
}

export const processOutput: Output = {
  out: (text) => process.stdout.write(`${text}\n`),
  note: (text) => process.stderr.write(`${text}\n`),
  write: (text) => process.stdout.write(text),
};

export function printJson(output: Output, value: unknown): void {
  output.out(JSON.stringify(value));
}
