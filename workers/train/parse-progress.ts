/** One progress report of the trainer, as MLX-LM prints it (mlx_lm/tuner/trainer.py). */
export interface ProgressEntry {
  iteration: number;
  trainLoss?: number;
  valLoss?: number;
  learningRate?: number;
  iterationsPerSecond?: number;
  tokensPerSecond?: number;
  trainedTokens?: number;
  peakMemoryGb?: number;
}

const number = String.raw`([-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?|nan|inf)`;
const iterationPattern = /^Iter (\d+):/;
const fields: readonly [keyof Omit<ProgressEntry, "iteration">, RegExp][] = [
  ["trainLoss", new RegExp(`Train loss ${number}`)],
  ["valLoss", new RegExp(`Val loss ${number}`)],
  ["learningRate", new RegExp(`Learning Rate ${number}`)],
  ["iterationsPerSecond", new RegExp(`It/sec ${number}`)],
  ["tokensPerSecond", new RegExp(`Tokens/sec ${number}`)],
  ["trainedTokens", new RegExp(`Trained Tokens ${number}`)],
  ["peakMemoryGb", new RegExp(`Peak mem ${number} GB`)],
];

/**
 * Reads a line like `Iter 10: Train loss 2.345, Learning Rate 1.000e-05, It/sec 0.512, Tokens/sec
 * 245.1, Trained Tokens 4800, Peak mem 9.876 GB` or `Iter 20: Val loss 2.100, Val took 3.2s`.
 * Other lines (loading, saving, warnings) give undefined.
 */
export function parseProgressLine(line: string): ProgressEntry | undefined {
  const iteration = iterationPattern.exec(line.trim());
  if (!iteration) return undefined;
  const entry: ProgressEntry = { iteration: Number(iteration[1]) };
  for (const [key, pattern] of fields) {
    const value = pattern.exec(line)?.[1];
    if (value !== undefined) entry[key] = Number(value);
  }
  // "Iter 100: Saved adapter weights to …" carries no numbers: not a report.
  return Object.keys(entry).length > 1 ? entry : undefined;
}

/** What a run keeps of its reports: mean training speed and the highest memory seen. */
export function summariseProgress(entries: readonly ProgressEntry[]): {
  tokensPerSecond: number | null;
  peakMemoryGb: number | null;
} {
  const speeds = entries.flatMap((entry) =>
    entry.tokensPerSecond !== undefined && Number.isFinite(entry.tokensPerSecond)
      ? [entry.tokensPerSecond]
      : [],
  );
  const memory = entries.flatMap((entry) => (entry.peakMemoryGb === undefined ? [] : [entry.peakMemoryGb]));
  return {
    tokensPerSecond:
      speeds.length === 0 ? null : speeds.reduce((sum, value) => sum + value, 0) / speeds.length,
    peakMemoryGb: memory.length === 0 ? null : Math.max(...memory),
  };
}
