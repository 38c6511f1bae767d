/** Where a command writes: results to stdout, notes to stderr (so `--json` output stays parseable). */
export interface Output {
  out(text: string): void;
  note(text: string): void;
}

export const processOutput: Output = {
  out: (text) => process.stdout.write(`${text}\n`),
  note: (text) => process.stderr.write(`${text}\n`),
};

export function printJson(output: Output, value: unknown): void {
  output.out(JSON.stringify(value));
}
